import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, paymentEvents, providerSettings } from '@/db/schema';
import { createApiKeyForm, revokeApiKeyForm } from '@/lib/admin/actions/api-keys';
import { requeryPayment } from '@/lib/admin/actions/payments';
import { saveProviderSettings, testConnection } from '@/lib/admin/actions/settings';
import { authenticateApiKey } from '@/lib/api/api-keys';
import type { AdminUser } from '@/lib/auth/roles';
import { findPayment } from '@/lib/payments/payment-store';
import { loadProviders, loadStoredOptions } from '@/lib/providers/registry';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { providerSettingsView } from '@/lib/settings/view';
import { getEnv, resetEnvCache } from '@/lib/env';
import { openIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';
import { formData } from '../support/form-data';

// Server actions' bodies with no user, a viewer and an admin. Provider settings go to a
// database of this file's own, so other files' M-Pesa payments keep the sandbox defaults.
let t: IntegrationApp;
let settingsDb: IsolatedDatabase;
const admin: AdminUser = { id: 1, email: 'admin@example.test', name: 'Admin', role: 'admin' };
const viewer: AdminUser = { id: 2, email: 'viewer@example.test', name: 'Viewer', role: 'viewer' };

beforeAll(async () => {
  t = await startIntegrationApp();
  settingsDb = await openIsolatedDatabase('settings');
});
afterAll(async () => {
  await settingsDb?.close();
  await t?.close();
});

const form = formData;

const REAL_SETTINGS = { provider: 'mpesa', enabled: 'on', baseUrl: 'https://api.safaricom.co.ke', shortcode: '600000', consumerKey: 'ck-live-0123456789abcdef', consumerSecret: 'cs-live-fedcba9876543210', passkey: 'pk-live-passkey-0123456789', callbackToken: 'cb-token-0123456789abcdef' };

describe('role checks on every admin action', () => {
  const cases: [string, (user: AdminUser | null) => Promise<{ ok: boolean; message: string }>][] = [
    ['save provider settings', (u) => saveProviderSettings(settingsDb.db, u, form(REAL_SETTINGS))],
    ['test connection', (u) => testConnection(settingsDb.db, u, form({ provider: 'mpesa' }))],
    ['re-query a payment', (u) => requeryPayment(t.db, u, form({ id: 'pay_00000000000000000000' }))],
    ['create an API key', (u) => createApiKeyForm(t.db, u, form({ name: 'should not exist' }))],
    ['revoke an API key', (u) => revokeApiKeyForm(t.db, u, form({ id: '1' }))],
  ];

  it.each(cases)('%s: refused when signed out and for viewers, and nothing changes', async (_name, run) => {
    const keysBefore = await t.db.select().from(apiKeys);
    expect(await run(null)).toMatchObject({ ok: false, message: 'Sign in to continue' });
    expect(await run(viewer)).toMatchObject({ ok: false, message: expect.stringContaining('admin role') });
    expect(await settingsDb.db.select().from(providerSettings)).toEqual([]);
    expect(await t.db.select().from(apiKeys)).toEqual(keysBefore);
  });
});

describe('provider settings', () => {
  it('stores secrets sealed (AES-256-GCM), never in clear, and shows them masked', async () => {
    expect(await saveProviderSettings(settingsDb.db, admin, form(REAL_SETTINGS))).toMatchObject({ ok: true });
    const [row] = await settingsDb.db.select().from(providerSettings).where(eq(providerSettings.provider, 'mpesa'));
    expect(row?.options).toEqual({ baseUrl: 'https://api.safaricom.co.ke', shortcode: '600000' });
    expect(row?.secretsSealed).toMatch(/^v1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const raw = JSON.stringify(row);
    for (const secret of [REAL_SETTINGS.consumerKey, REAL_SETTINGS.consumerSecret, REAL_SETTINGS.passkey, REAL_SETTINGS.callbackToken]) {
      expect(raw).not.toContain(secret);
    }
    const view = await providerSettingsView(settingsDb.db, 'mpesa', 'admin');
    const shown = JSON.stringify(view);
    expect(shown).not.toContain(REAL_SETTINGS.consumerSecret);
    expect(view?.fields.find((f) => f.key === 'consumerSecret')).toMatchObject({ source: 'stored', display: '••••••3210' });
    expect(view?.fields.find((f) => f.key === 'baseUrl')).toMatchObject({ source: 'stored', display: 'https://api.safaricom.co.ke' });
    expect(view?.missing).toEqual([]);
  });

  it('feeds the decrypted settings to the M-Pesa provider', async () => {
    expect((await loadProviders(settingsDb.db)).get('mpesa')?.provider).not.toBeNull();
    const config = resolveMpesaConfig(getEnv(), (await loadStoredOptions(settingsDb.db)).mpesa);
    expect(config).toMatchObject({
      baseUrl: 'https://api.safaricom.co.ke',
      consumerKey: REAL_SETTINGS.consumerKey,
      consumerSecret: REAL_SETTINGS.consumerSecret,
      passkey: REAL_SETTINGS.passkey,
      callbackUrl: expect.stringMatching(new RegExp(`/api/webhooks/mpesa/${REAL_SETTINGS.callbackToken}$`)),
    });
  });

  it('keeps a secret left blank, clears one marked "clear", and refuses invalid values by field', async () => {
    const keep = { ...REAL_SETTINGS, consumerKey: '', consumerSecret: '', passkey: '', callbackToken: '' };
    expect(await saveProviderSettings(settingsDb.db, admin, form(keep))).toMatchObject({ ok: true });
    let view = await providerSettingsView(settingsDb.db, 'mpesa', 'admin');
    expect(view?.fields.find((f) => f.key === 'consumerKey')).toMatchObject({ source: 'stored', display: '••••••cdef' });
    expect(await saveProviderSettings(settingsDb.db, admin, form({ ...keep, 'clear:passkey': 'on' }))).toMatchObject({ ok: true });
    view = await providerSettingsView(settingsDb.db, 'mpesa', 'admin');
    expect(view?.missing).toEqual(['Lipa na M-Pesa passkey']);
    expect(await saveProviderSettings(settingsDb.db, admin, form({ ...keep, shortcode: '12' }))).toMatchObject({ ok: false, field: 'shortcode' });
    expect(await saveProviderSettings(settingsDb.db, admin, form({ ...keep, baseUrl: 'ftp://x' }))).toMatchObject({ ok: false, field: 'baseUrl' });
  });

  it('shows an environment variable as overriding the stored value', async () => {
    process.env.MPESA_SHORTCODE = '777777';
    resetEnvCache();
    try {
      const view = await providerSettingsView(settingsDb.db, 'mpesa', 'admin');
      expect(view?.fields.find((f) => f.key === 'shortcode')).toMatchObject({ source: 'env', env: 'MPESA_SHORTCODE', display: '777777', storedToo: true });
    } finally {
      delete process.env.MPESA_SHORTCODE;
      resetEnvCache();
    }
  });

  it('tests the connection with a real token call: refused credentials, then the sandbox', async () => {
    // Stored credentials against the sandbox's OAuth endpoint: Daraja-style refusal.
    const wrong = { ...REAL_SETTINGS, baseUrl: `${t.sandbox.url}/mpesa`, 'clear:passkey': '' };
    await saveProviderSettings(settingsDb.db, admin, form(wrong));
    const refused = await testConnection(settingsDb.db, admin, form({ provider: 'mpesa' }));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('refused our credentials') });
    expect(refused.message).not.toContain(REAL_SETTINGS.consumerSecret);
    // Nothing stored: the sandbox's own test credentials stand in.
    await settingsDb.db.delete(providerSettings);
    const ok = await testConnection(settingsDb.db, admin, form({ provider: 'mpesa' }));
    expect(ok).toMatchObject({ ok: true, message: expect.stringContaining('access token') });
  });

  it('switching a provider off makes it unavailable', async () => {
    expect(await saveProviderSettings(settingsDb.db, admin, form({ provider: 'mpesa' }))).toMatchObject({ ok: true });
    expect((await loadProviders(settingsDb.db)).get('mpesa')).toMatchObject({ provider: null, reason: 'switched off by an admin' });
    await settingsDb.db.delete(providerSettings);
  });
});

describe('re-query and API keys', () => {
  it('re-queries a payment whose callback was lost and records who asked', async () => {
    const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '75', currency: 'KES', msisdn: '254700000005' });
    expect(res.status).toBe(201);
    const id = res.body.data.id as string;
    await waitFor(async () => t.sandbox.ledger('mpesa').some((e) => JSON.stringify(e).includes('254700000005')));
    await new Promise((r) => setTimeout(r, 300));
    const result = await requeryPayment(t.db, admin, form({ id }));
    expect(result).toMatchObject({ ok: true, message: 'Status moved from processing to success.' });
    expect((await findPayment(t.db, id))?.status).toBe('success');
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, id));
    expect(events.map((e) => e.summary)).toContain('status re-query requested by admin@example.test');
    expect(await requeryPayment(t.db, admin, form({ id: 'not-an-id' }))).toMatchObject({ ok: false, message: 'Unknown payment' });
  });

  it('creates a key shown once (only its hash stored) and revokes it', async () => {
    const created = await createApiKeyForm(t.db, admin, form({ name: 'Booking system', callbackUrl: '' }));
    expect(created).toMatchObject({ ok: true, secret: expect.stringMatching(/^mlp_live_/) });
    const key = created.secret ?? '';
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.prefix, key.slice(0, 13)));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(await authenticateApiKey(t.db, `Bearer ${key}`)).toMatchObject({ name: 'Booking system' });
    expect(await revokeApiKeyForm(t.db, admin, form({ id: String(row?.id) }))).toMatchObject({ ok: true });
    expect(await authenticateApiKey(t.db, `Bearer ${key}`)).toBeNull();
    expect(await revokeApiKeyForm(t.db, admin, form({ id: String(row?.id) }))).toMatchObject({ ok: false });
    expect(await createApiKeyForm(t.db, admin, form({ name: '' }))).toMatchObject({ ok: false, field: 'name' });
  });
});
