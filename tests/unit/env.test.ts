import { describe, it, expect, vi, afterEach } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

const SECRET = 'x'.repeat(32);

function errorOf(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error('parseEnv did not throw');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseEnv defaults', () => {
  it('fills defaults from an empty environment', () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.APP_URL).toBe('http://127.0.0.1:3000');
    expect(env.PGLITE_DIR).toBe('.data/pglite');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.RECONCILER_ENABLED).toBe(true);
    expect(env.RECONCILE_INTERVAL_SECONDS).toBe(15);
    expect(env.RECONCILE_GRACE_SECONDS).toBe(60);
    expect(env.CHECKOUT_POLL_SECONDS).toBe(10);
    expect(env.CHECKOUT_GIVE_UP_SECONDS).toBe(90);
    expect(env.PROVIDER_TIMEOUT_MS).toBe(15000);
    expect(env.MPESA_TRANSACTION_TYPE).toBe('CustomerPayBillOnline');
    expect(env.MPESA_PROMPT_SECONDS).toBe(60);
    expect(env.MPESA_SHORTCODE).toBeUndefined();
  });

  it('parses valid values, coercing numbers and flags', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgres://u:p@db:5432/malipo',
      MPESA_SHORTCODE: '174379',
      RECONCILER_ENABLED: 'off',
      SEED_DEMO_DATA: 'yes',
      RECONCILE_INTERVAL_SECONDS: '30',
      MPESA_TRANSACTION_TYPE: 'CustomerBuyGoodsOnline',
    });
    expect(env.DATABASE_URL).toBe('postgres://u:p@db:5432/malipo');
    expect(env.MPESA_SHORTCODE).toBe('174379');
    expect(env.RECONCILER_ENABLED).toBe(false);
    expect(env.SEED_DEMO_DATA).toBe(true);
    expect(env.RECONCILE_INTERVAL_SECONDS).toBe(30);
    expect(env.MPESA_TRANSACTION_TYPE).toBe('CustomerBuyGoodsOnline');
    expect(parseEnv({ DATABASE_URL: 'postgresql://localhost/malipo' }).DATABASE_URL).toBe('postgresql://localhost/malipo');
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv({ MPESA_SHORTCODE: '', DATABASE_URL: '', APP_URL: '', AUTH_SECRET: '', RECONCILE_INTERVAL_SECONDS: '' });
    expect(env.MPESA_SHORTCODE).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe('http://127.0.0.1:3000');
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.RECONCILE_INTERVAL_SECONDS).toBe(15);
  });

  it('ignores unrelated variables', () => {
    expect(() => parseEnv({ PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});

describe('parseEnv errors', () => {
  it.each([
    ['MPESA_SHORTCODE', 'abc'],
    ['MPESA_SHORTCODE', '1234'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['APP_URL', 'ftp://example.com'],
    ['AUTH_SECRET', 'short'],
    ['SETTINGS_ENCRYPTION_KEY', 'zz'],
    ['RECONCILER_ENABLED', 'maybe'],
    ['RECONCILE_INTERVAL_SECONDS', '-5'],
    ['RECONCILE_INTERVAL_SECONDS', 'soon'],
    ['PROVIDER_TIMEOUT_MS', '10'],
    ['MPESA_TRANSACTION_TYPE', 'Paybill'],
    ['MPESA_CALLBACK_TOKEN', 'tiny'],
    ['NODE_ENV', 'staging'],
  ])('names %s when it is malformed (%j)', (name, value) => {
    const error = errorOf({ [name]: value });
    expect(error.message).toContain(name);
    expect(error.message).toMatch(/Invalid environment configuration/);
  });

  it('names every malformed variable at once', () => {
    const error = errorOf({ MPESA_SHORTCODE: 'abc', DATABASE_URL: 'mysql://x' });
    expect(error.message).toContain('MPESA_SHORTCODE');
    expect(error.message).toContain('DATABASE_URL');
  });

  it('does not name variables that are fine', () => {
    const error = errorOf({ MPESA_SHORTCODE: 'abc', DATABASE_URL: 'postgres://db/malipo' });
    expect(error.message).not.toContain('DATABASE_URL');
  });
});

describe('parseEnv production rules', () => {
  it('requires AUTH_SECRET in production', () => {
    const error = errorOf({ NODE_ENV: 'production', APP_URL: 'https://pay.example.com' });
    expect(error.message).toContain('AUTH_SECRET');
    // An empty AUTH_SECRET is unset, not a loophole.
    expect(errorOf({ NODE_ENV: 'production', APP_URL: 'https://pay.example.com', AUTH_SECRET: '' }).message).toContain('AUTH_SECRET');
  });

  it('does not require AUTH_SECRET outside production', () => {
    expect(() => parseEnv({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => parseEnv({ NODE_ENV: 'test' })).not.toThrow();
  });

  it('accepts https APP_URL in production', () => {
    const env = parseEnv({ NODE_ENV: 'production', AUTH_SECRET: SECRET, APP_URL: 'https://pay.example.com' });
    expect(env.NODE_ENV).toBe('production');
  });

  it.each(['http://pay.example.com', 'http://10.0.0.5:3000', 'http://0.0.0.0:3000', 'http://127.attacker.example'])(
    'refuses plain http APP_URL %s in production, naming APP_URL',
    (url) => {
      const error = errorOf({ NODE_ENV: 'production', AUTH_SECRET: SECRET, APP_URL: url });
      expect(error.message).toContain('APP_URL');
    },
  );

  it.each(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000', 'http://127.0.0.2'])(
    'allows plain http on loopback %s in production (with a warning)',
    (url) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const env = parseEnv({ NODE_ENV: 'production', AUTH_SECRET: SECRET, APP_URL: url });
      expect(env.APP_URL).toBe(url);
      expect(warn).toHaveBeenCalled();
    },
  );

  it('production with the default APP_URL (loopback) passes', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(parseEnv({ NODE_ENV: 'production', AUTH_SECRET: SECRET }).APP_URL).toBe('http://127.0.0.1:3000');
  });

  it('allows plain http off loopback outside production', () => {
    expect(parseEnv({ APP_URL: 'http://pay.example.com' }).APP_URL).toBe('http://pay.example.com');
  });
});
