import { maskMsisdn } from './phone';

// Everything written to the event log passes through here first. Keys are split into words
// (camelCase, snake_case, kebab-case) and matched at any depth, so a provider adding a nested
// credential later is still covered, while "shipping" is not mistaken for a PIN.
const SECRET_WORDS = new Set([
  'password',
  'passkey',
  'pass',
  'secret',
  'token',
  'authorization',
  'otp',
  'pin',
  'checksum',
  'signature',
  'credential',
  'credentials',
  'key',
  'apikey',
  'cvv',
]);
// Keys that look secret by name but are references the admin needs to see.
const PUBLIC_KEYS = new Set(['otpReference', 'otp_reference', 'accessTokenExpiry', 'expires_in', 'checksumMethod', 'pinless']);

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  if (PUBLIC_KEYS.has(key)) return false;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => SECRET_WORDS.has(w));
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 12) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        // The whole value under a secret name goes, whatever its shape (arrays, nested objects).
        isSecretKey(k) && v !== null && v !== undefined ? REDACTED : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}

/** Replaces secret values (the M-Pesa callback token) wherever they appear in a string. */
export function redactUrl(url: string, secrets: readonly (string | undefined)[]): string {
  return secrets.reduce<string>((u, s) => (s ? u.split(s).join(REDACTED) : u), url);
}

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * PostgreSQL text and jsonb refuse NUL and lone surrogates; a provider that sends them must still
 * be recorded (the log is the evidence), so they become U+FFFD in keys and values at any depth.
 */
export function storableText<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => storableText(v, depth + 1)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [storableText(k), storableText(v, depth + 1)])) as T;
  }
  return value;
}

/** Phone-like runs of digits inside free text ("params: 254712345678,..."), as the admin shows viewers. */
export function maskPhonesInText(text: string): string {
  return text.replace(/\+?\b\d{9,15}\b/g, (m) => maskMsisdn(m.replace(/^\+/, '')));
}
