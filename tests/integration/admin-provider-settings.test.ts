import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { providerSettings } from '@/db/schema';
import { saveProviderSettings, testConnection } from '@/lib/admin/actions/settings';
import type { AdminUser } from '@/lib/auth/roles';
import { getEnv, resetEnvCache } from '@/lib/env';
import { CLICKPESA_PRODUCTION_URL, CLICKPESA_SANDBOX_DEFAULTS, resolveClickPesaConfig } from '@/lib/providers/clickpesa/config';
import { OMARI_SANDBOX_DEFAULTS, resolveOmariConfig } from '@/lib/providers/omari/config';
import { QMONEY_SANDBOX_DEFAULTS, resolveQmoneyConfig } from '@/lib/providers/qmoney/config';
import { loadProviders, loadStoredOptions } from '@/lib/providers/registry';
import { settingsSpec } from '@/lib/settings/specs';
import { providerSettingsView } from '@/lib/settings/view';
import { openIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';
import { formData } from '../support/form-data';

// ClickPesa, Omari and Qmoney settings through the admin's server actions (M-Pesa's are in
// admin-actions.test.ts): sealed secrets, environment overrides, and a real connection test
// against the sandbox. Settings go to a database of this file's own.
let t: IntegrationApp;
let settingsDb: IsolatedDatabase;
const admin: AdminUser = { id: 1, email: 'admin@example.test', name: 'Admin', role: 'admin' };

beforeAll(async () => {
  t = await startIntegrationApp();
  settingsDb = await openIsolatedDatabase('provider_settings');
});
afterAll(async () => {
  await settingsDb?.close();
  await t?.close();
});

const form = formData;

interface Case {
  provider: 'clickpesa' | 'omari' | 'qmoney';
  resolve: typeof resolveOmariConfig | typeof resolveQmoneyConfig | typeof resolveClickPesaConfig;
  live: Record<string, string>;
  /** A non-secret field overridden from the environment. */
  override: { key: string; env: string; value: string };
  /** The sandbox's base URL with its real credentials, stored explicitly. */
  sandboxStored: (sandboxUrl: string) => Record<string, string>;
  /** The same with one wrong credential. */
  wrong: (sandboxUrl: string) => Record<string, string>;
  refused: string;
  accepted: string;
}

const CASES: Case[] = [
  {
    provider: 'clickpesa',
    resolve: resolveClickPesaConfig,
    live: { baseUrl: 'https://api.clickpesa.com/third-parties', clientId: 'IDlive0123456789', apiKey: 'SKlive-0123456789abcdef', checksumKey: 'CKlive-fedcba9876543210' },
    override: { key: 'clientId', env: 'CLICKPESA_CLIENT_ID', value: 'IDfromenv' },
    sandboxStored: (url) => ({ baseUrl: `${url}/clickpesa/third-parties`, ...CLICKPESA_SANDBOX_DEFAULTS, 'clear:checksumKey': 'on' }),
    wrong: (url) => ({ baseUrl: `${url}/clickpesa/third-parties`, clientId: CLICKPESA_SANDBOX_DEFAULTS.clientId, apiKey: 'wrong-api-key-0123456789', 'clear:checksumKey': 'on' }),
    refused: 'ClickPesa refused our credentials',
    accepted: 'ClickPesa issued a token',
  },
  {
    provider: 'omari',
    resolve: resolveOmariConfig,
    live: { baseUrl: 'https://omari.v.co.zw/vsuite/omari/api/merchant/api/payment', merchantKey: 'mk-live-0123456789abcdef' },
    override: { key: 'baseUrl', env: 'OMARI_API_BASE_URL', value: 'https://omari.v.co.zw/uat/vsuite/omari/api/merchant/api/payment' },
    sandboxStored: (url) => ({ baseUrl: `${url}/omari/vsuite/omari/api/merchant/api/payment`, ...OMARI_SANDBOX_DEFAULTS }),
    wrong: (url) => ({ baseUrl: `${url}/omari/vsuite/omari/api/merchant/api/payment`, merchantKey: 'wrong-merchant-key-0123456789' }),
    refused: 'Omari refused the merchant key',
    accepted: 'Omari accepted the merchant key',
  },
  {
    provider: 'qmoney',
    resolve: resolveQmoneyConfig,
    live: { baseUrl: 'https://adpelite.qmoney.gm', username: 'shop-live', password: 'pw-live-0123456789ab', basicToken: 'bGl2ZS1iYXNpYy10b2tlbi0wMTIz', merchantAccount: '2207000000', pin: '482913', productId: 'SHOP_GETMONEY' },
    override: { key: 'merchantAccount', env: 'QMONEY_MERCHANT_ACCOUNT', value: '2207111111' },
    sandboxStored: (url) => ({ baseUrl: `${url}/qmoney`, ...QMONEY_SANDBOX_DEFAULTS }),
    wrong: (url) => ({ baseUrl: `${url}/qmoney`, ...QMONEY_SANDBOX_DEFAULTS, password: 'wrong-password-0123456789' }),
    refused: 'Qmoney login refused',
    accepted: 'Qmoney accepted the login',
  },
];

describe.each(CASES)('$provider settings', (c) => {
  const spec = settingsSpec(c.provider)!;
  const secretKeys = spec.fields.filter((f) => f.secret).map((f) => f.key);
  const save = (values: Record<string, string>) => saveProviderSettings(settingsDb.db, admin, form({ provider: c.provider, enabled: 'on', ...values }));
  const test = () => testConnection(settingsDb.db, admin, form({ provider: c.provider }));
  afterEach(async () => {
    await settingsDb.db.delete(providerSettings);
  });

  it('stores options in clear and secrets sealed, never returned in clear; payments use them', async () => {
    expect(await save(c.live)).toMatchObject({ ok: true });
    const [row] = await settingsDb.db.select().from(providerSettings).where(eq(providerSettings.provider, c.provider));
    expect(row?.options).toEqual(Object.fromEntries(Object.entries(c.live).filter(([k]) => !secretKeys.includes(k))));
    expect(row?.secretsSealed).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const view = await providerSettingsView(settingsDb.db, c.provider, 'admin');
    for (const key of secretKeys) {
      expect(JSON.stringify(row)).not.toContain(c.live[key]);
      expect(JSON.stringify(view)).not.toContain(c.live[key]);
      expect(view?.fields.find((f) => f.key === key)).toMatchObject({ source: 'stored', display: expect.stringMatching(/^••••••/) });
    }
    expect(view?.missing).toEqual([]);
    expect(view?.fields.find((f) => f.key === 'baseUrl')).toMatchObject({ source: 'stored', display: c.live.baseUrl });
    expect(c.resolve(getEnv(), (await loadStoredOptions(settingsDb.db))[c.provider])).toMatchObject(c.live);
    expect((await loadProviders(settingsDb.db)).get(c.provider)?.provider).not.toBeNull();
  });

  it('shows an environment variable as overriding the stored value', async () => {
    await save(c.live);
    process.env[c.override.env] = c.override.value;
    resetEnvCache();
    try {
      const view = await providerSettingsView(settingsDb.db, c.provider, 'admin');
      expect(view?.fields.find((f) => f.key === c.override.key)).toMatchObject({ source: 'env', env: c.override.env, display: c.override.value, storedToo: true });
      expect(c.resolve(getEnv(), (await loadStoredOptions(settingsDb.db))[c.provider])).toMatchObject({ [c.override.key]: c.override.value });
    } finally {
      delete process.env[c.override.env];
      resetEnvCache();
    }
  });

  it('tests the connection for real: refused with a wrong credential, accepted with the right ones', async () => {
    expect(await save(c.wrong(t.sandbox.url))).toMatchObject({ ok: true });
    const refused = await test();
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining(c.refused) });
    for (const value of Object.values(c.wrong(t.sandbox.url))) if (value.startsWith('wrong')) expect(refused.message).not.toContain(value);
    // The right credentials, stored: the sealed secrets reach the tester.
    expect(await save(c.sandboxStored(t.sandbox.url))).toMatchObject({ ok: true });
    expect(await test()).toMatchObject({ ok: true, message: expect.stringContaining(c.accepted) });
    // Nothing stored: the sandbox's own defaults stand in.
    await settingsDb.db.delete(providerSettings);
    expect(await test()).toMatchObject({ ok: true, message: expect.stringContaining(`${c.accepted}`) });
  });

  it('a stored real base URL without credentials is reported missing, not filled from the sandbox', async () => {
    expect(await save({ baseUrl: c.live.baseUrl! })).toMatchObject({ ok: true });
    const view = await providerSettingsView(settingsDb.db, c.provider, 'admin');
    expect(view?.fields.filter((f) => f.source === 'sandbox')).toEqual([]);
    expect(view?.missing.length).toBeGreaterThan(0);
    expect((await loadProviders(settingsDb.db)).get(c.provider)?.provider).toBeNull();
    expect(await test()).toMatchObject({ ok: false, message: expect.stringContaining('is not configured') });
  });
});

describe('provider specifics', () => {
  afterEach(async () => {
    await settingsDb.db.delete(providerSettings);
  });

  it('ClickPesa: a client ID without a base URL means the public API, shown as the default', async () => {
    await saveProviderSettings(settingsDb.db, admin, form({ provider: 'clickpesa', enabled: 'on', clientId: 'IDlive0123456789', apiKey: 'SKlive-0123456789abcdef' }));
    const view = await providerSettingsView(settingsDb.db, 'clickpesa', 'admin');
    expect(view?.fields.find((f) => f.key === 'baseUrl')).toMatchObject({ source: 'default', display: CLICKPESA_PRODUCTION_URL });
    expect(view?.fields.find((f) => f.key === 'apiKey')).toMatchObject({ source: 'stored' });
    expect(resolveClickPesaConfig(getEnv(), (await loadStoredOptions(settingsDb.db)).clickpesa)).toMatchObject({ baseUrl: CLICKPESA_PRODUCTION_URL });
  });

  it('Omari: an unreachable host or a wrong path is a failed test, never "accepted"', async () => {
    const save = (baseUrl: string) => saveProviderSettings(settingsDb.db, admin, form({ provider: 'omari', enabled: 'on', baseUrl, ...OMARI_SANDBOX_DEFAULTS }));
    await save('http://127.0.0.1:9/vsuite/omari/api/merchant/api/payment');
    expect(await testConnection(settingsDb.db, admin, form({ provider: 'omari' }))).toMatchObject({ ok: false, message: expect.stringContaining('network error') });
    // A 404 without Omari's envelope (the web server's own page) is not Omari's "not found".
    await save(`${t.sandbox.url}/omari/wrong/path`);
    expect(await testConnection(settingsDb.db, admin, form({ provider: 'omari' }))).toMatchObject({ ok: false, message: expect.stringContaining('HTTP 404 (unreadable answer)') });
  });

  it('refuses malformed values, naming the field', async () => {
    const save = (provider: string, values: Record<string, string>) => saveProviderSettings(settingsDb.db, admin, form({ provider, enabled: 'on', ...values }));
    expect(await save('qmoney', { basicToken: 'Basic abc' })).toMatchObject({ ok: false, field: 'basicToken', message: 'Login Basic token must not contain spaces' });
    expect(await save('qmoney', { merchantAccount: '22-07' })).toMatchObject({ ok: false, field: 'merchantAccount' });
    expect(await save('omari', { baseUrl: 'ftp://omari' })).toMatchObject({ ok: false, field: 'baseUrl' });
    expect(await settingsDb.db.select().from(providerSettings)).toEqual([]);
  });
});
