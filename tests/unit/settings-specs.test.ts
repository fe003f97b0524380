import { describe, expect, it } from 'vitest';
import { parseEnv, type Env } from '@/lib/env';
import { CLICKPESA_PRODUCTION_URL, resolveClickPesaConfig } from '@/lib/providers/clickpesa/config';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { resolveOmariConfig } from '@/lib/providers/omari/config';
import { resolveQmoneyConfig } from '@/lib/providers/qmoney/config';
import type { ProviderId } from '@/lib/providers/types';
import { SETTINGS_SPECS } from '@/lib/settings/specs';

// The settings specs and the providers' configs are written separately; these tests pin them
// together so a key or variable name typo cannot silently leave a stored setting unused.
type Resolve = (env: Env, stored?: Partial<Record<string, string>>) => object | null;
const RESOLVERS: Partial<Record<ProviderId, Resolve>> = {
  mpesa: resolveMpesaConfig,
  clickpesa: resolveClickPesaConfig,
  omari: resolveOmariConfig,
  qmoney: resolveQmoneyConfig,
};

/** A valid value per field, as an admin would type it. */
const SAMPLES: Record<string, Record<string, string>> = {
  mpesa: { baseUrl: 'https://api.safaricom.co.ke', shortcode: '600000', partyB: '600001', consumerKey: 'ck-live', consumerSecret: 'cs-live', passkey: 'pk-live', callbackToken: 'cb-token-0123456789abcdef' },
  clickpesa: { baseUrl: 'https://api.clickpesa.com/third-parties', clientId: 'live-client', apiKey: 'live-api-key', checksumKey: 'live-checksum-key' },
  omari: { baseUrl: 'https://omari.v.co.zw/vsuite/omari/api/merchant/api/payment', merchantKey: 'live-merchant-key' },
  qmoney: { baseUrl: 'https://uat-adpelite.qmoney.gm', username: 'shop', password: 'pass word', basicToken: 'bGl2ZS10b2tlbg==', merchantAccount: '2207000000', pin: '4321', productId: 'SHOP_GETMONEY' },
};

const SANDBOX = 'http://127.0.0.1:4010';
const specs = Object.values(SETTINGS_SPECS);

describe('provider settings specs', () => {
  it('cover every provider with a config resolver', () => {
    expect(specs.map((s) => s.provider).sort()).toEqual(['clickpesa', 'mpesa', 'omari', 'qmoney']);
  });

  it.each(specs.map((s) => [s.provider, s] as const))('%s: every stored field reaches the config under the same key', (provider, spec) => {
    const samples = SAMPLES[provider]!;
    for (const field of spec.fields) expect(field.schema.safeParse(samples[field.key]).success, field.key).toBe(true);
    const config = RESOLVERS[provider]!(parseEnv({}), samples) as Record<string, unknown>;
    expect(config).not.toBeNull();
    for (const field of spec.fields) expect(config[field.key], field.key).toBe(samples[field.key]);
  });

  it.each(specs.map((s) => [s.provider, s] as const))('%s: every environment variable overrides the stored value', (provider, spec) => {
    const samples = SAMPLES[provider]!;
    const stored = Object.fromEntries(spec.fields.map((f) => [f.key, f.key === 'baseUrl' ? 'https://stored.example' : `stored-${f.key}`]));
    const env = parseEnv(Object.fromEntries(spec.fields.map((f) => [f.env, samples[f.key]])));
    const config = RESOLVERS[provider]!(env, stored) as Record<string, unknown>;
    for (const field of spec.fields) expect(config[field.key], field.env).toBe(samples[field.key]);
  });

  it.each(specs.map((s) => [s.provider, s] as const))('%s: sandbox defaults are what the config uses with nothing configured', (provider, spec) => {
    const config = RESOLVERS[provider]!(parseEnv({ SANDBOX_URL: `${SANDBOX}/` }), {}) as Record<string, unknown>;
    const defaults = spec.sandboxDefaults(`${SANDBOX}/`);
    for (const [key, value] of Object.entries(defaults)) expect(config[key], key).toBe(value);
    for (const field of spec.fields.filter((f) => f.required)) expect(defaults[field.key], field.key).toBeDefined();
  });

  it('secrets are marked secret', () => {
    const secrets = specs.flatMap((s) => s.fields.filter((f) => f.secret).map((f) => `${s.provider}.${f.key}`));
    expect(secrets.sort()).toEqual(
      ['mpesa.consumerKey', 'mpesa.consumerSecret', 'mpesa.passkey', 'mpesa.callbackToken', 'clickpesa.apiKey', 'clickpesa.checksumKey', 'omari.merchantKey', 'qmoney.password', 'qmoney.basicToken', 'qmoney.pin'].sort(),
    );
  });

  it('refuses malformed values with a message naming the problem', () => {
    const field = (provider: ProviderId, key: string) => SETTINGS_SPECS[provider]!.fields.find((f) => f.key === key)!;
    const message = (provider: ProviderId, key: string, value: string) => field(provider, key).schema.safeParse(value).error?.issues[0]?.message;
    expect(message('qmoney', 'basicToken', 'Basic abc')).toBe('must not contain spaces');
    expect(message('qmoney', 'merchantAccount', '22-07')).toBe('must be 7-15 digits');
    expect(message('qmoney', 'pin', '12')).toBe('must be 4-12 digits');
    expect(message('omari', 'baseUrl', 'ftp://omari')).toBe('must be an http(s) URL');
    expect(message('clickpesa', 'apiKey', '')).toBe('is required');
  });
});

describe('the sandbox never lends its credentials to a real base URL', () => {
  const env = parseEnv({ SANDBOX_URL: SANDBOX });

  it.each([
    ['mpesa', resolveMpesaConfig],
    ['clickpesa', resolveClickPesaConfig],
    ['omari', resolveOmariConfig],
    ['qmoney', resolveQmoneyConfig],
  ] as const)('%s: a stored base URL without credentials is "not configured"', (_provider, resolve) => {
    expect(resolve(env, { baseUrl: 'https://real.example' })).toBeNull();
  });

  it('ClickPesa: a client ID alone means the real API, and needs its own API key', () => {
    expect(resolveClickPesaConfig(env, { clientId: 'live-client' })).toBeNull();
    expect(resolveClickPesaConfig(env, { clientId: 'live-client', apiKey: 'live-key' })).toMatchObject({ baseUrl: CLICKPESA_PRODUCTION_URL, clientId: 'live-client', apiKey: 'live-key' });
  });

  it('a wrong credential alone still goes to the sandbox (how the tests provoke a refusal)', () => {
    expect(resolveOmariConfig(env, { merchantKey: 'wrong' })).toMatchObject({ baseUrl: `${SANDBOX}/omari/vsuite/omari/api/merchant/api/payment`, merchantKey: 'wrong' });
    expect(resolveQmoneyConfig(env, { password: 'wrong' })).toMatchObject({ baseUrl: `${SANDBOX}/qmoney`, password: 'wrong', username: 'sandbox-merchant' });
  });
});
