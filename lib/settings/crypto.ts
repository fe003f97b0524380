import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { getEnv } from '@/lib/env';

// Provider secrets at rest: AES-256-GCM, a fresh 96-bit IV per seal, and the provider id as
// associated data so a sealed value copied onto another provider's row does not open.
// Format: v1.<key id>.<iv>.<tag>.<ciphertext> (base64url). The key id (first bytes of the key's
// SHA-256) lets a wrong or rotated key fail with a clear message instead of "bad tag".

const DEVELOPMENT_KEY = createHash('sha256').update('malipo-development-only-settings-key').digest();

export class SettingsKeyError extends Error {}

export function settingsKey(): Buffer {
  const env = getEnv();
  if (env.SETTINGS_ENCRYPTION_KEY) return Buffer.from(env.SETTINGS_ENCRYPTION_KEY, 'hex');
  if (env.NODE_ENV === 'production') {
    throw new SettingsKeyError('SETTINGS_ENCRYPTION_KEY is not set: provider secrets cannot be stored or read (generate one with `openssl rand -hex 32`)');
  }
  return DEVELOPMENT_KEY;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

export function seal(plaintext: string, context: string, key: Buffer = settingsKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`malipo:${context}`, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', keyId(key), iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function unseal(sealed: string, context: string, key: Buffer = settingsKey()): string {
  const [version, id, iv, tag, ciphertext, ...rest] = sealed.split('.');
  if (version !== 'v1' || !id || !iv || !tag || ciphertext === undefined || rest.length > 0) {
    throw new SettingsKeyError('stored secrets are not in a known sealed format');
  }
  if (id !== keyId(key)) {
    throw new SettingsKeyError(`stored secrets were sealed with another SETTINGS_ENCRYPTION_KEY (key id ${id}, current ${keyId(key)})`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`malipo:${context}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SettingsKeyError('stored secrets failed their integrity check (tampered, or sealed for another provider)');
  }
}

export function sealSecrets(provider: string, secrets: Record<string, string>): string | null {
  return Object.keys(secrets).length === 0 ? null : seal(JSON.stringify(secrets), `provider_settings:${provider}`);
}

export function unsealSecrets(provider: string, sealed: string | null): Record<string, string> {
  if (!sealed) return {};
  const value: unknown = JSON.parse(unseal(sealed, `provider_settings:${provider}`));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SettingsKeyError('stored secrets are not an object');
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
