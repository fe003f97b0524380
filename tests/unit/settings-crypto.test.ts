import { afterEach, describe, expect, it } from 'vitest';
import { keyId, seal, sealSecrets, settingsKey, SettingsKeyError, unseal, unsealSecrets } from '@/lib/settings/crypto';
import { maskSecret } from '@/lib/settings/view';
import { resetEnvCache } from '@/lib/env';

const KEY_HEX = '0f'.repeat(32);
const key = Buffer.from(KEY_HEX, 'hex');
const env = { ...process.env };

afterEach(() => {
  process.env = { ...env };
  resetEnvCache();
});

describe('AES-256-GCM sealing of provider secrets', () => {
  it('round-trips, with a fresh IV each time', () => {
    const a = seal('consumer-secret', 'provider_settings:mpesa', key);
    const b = seal('consumer-secret', 'provider_settings:mpesa', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain('consumer-secret');
    expect(unseal(a, 'provider_settings:mpesa', key)).toBe('consumer-secret');
    expect(a.split('.')).toHaveLength(5);
    expect(a.split('.')[1]).toBe(keyId(key));
  });

  it('refuses a value moved to another provider (associated data), tampering and a wrong key', () => {
    const sealed = seal('secret', 'provider_settings:mpesa', key);
    expect(() => unseal(sealed, 'provider_settings:clickpesa', key)).toThrow(/integrity/);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => unseal([...parts.slice(0, 4), flipped.toString('base64url')].join('.'), 'provider_settings:mpesa', key)).toThrow(SettingsKeyError);
    expect(() => unseal(sealed, 'provider_settings:mpesa', Buffer.alloc(32, 7))).toThrow(/another SETTINGS_ENCRYPTION_KEY/);
    expect(() => unseal('plain text', 'provider_settings:mpesa', key)).toThrow(/known sealed format/);
  });

  it('seals a provider\'s secrets as one JSON object, or nothing when there are none', () => {
    process.env.SETTINGS_ENCRYPTION_KEY = KEY_HEX;
    resetEnvCache();
    expect(sealSecrets('mpesa', {})).toBeNull();
    const sealed = sealSecrets('mpesa', { consumerKey: 'k', passkey: 'p' });
    expect(unsealSecrets('mpesa', sealed)).toEqual({ consumerKey: 'k', passkey: 'p' });
    expect(unsealSecrets('mpesa', null)).toEqual({});
  });

  it('uses SETTINGS_ENCRYPTION_KEY, and refuses to run without it in production', () => {
    process.env.SETTINGS_ENCRYPTION_KEY = KEY_HEX;
    resetEnvCache();
    expect(settingsKey().equals(key)).toBe(true);
    delete process.env.SETTINGS_ENCRYPTION_KEY;
    Object.assign(process.env, { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), APP_URL: 'https://pay.example.com' });
    resetEnvCache();
    expect(() => settingsKey()).toThrow(/SETTINGS_ENCRYPTION_KEY is not set/);
  });

  it('masks secrets: last four characters of long ones only', () => {
    expect(maskSecret('bfb279f9aa9bdbcf158e97dd71a467cd')).toBe('••••••67cd');
    expect(maskSecret('short')).toBe('••••••');
  });
});
