import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';
import { shopperPollPath } from '../support/shopper-key';

let t: IntegrationApp;
let successId: string;

beforeAll(async () => {
  t = await startIntegrationApp();
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '10', currency: 'KES', msisdn: '254700000000' });
  successId = res.body.data.id;
});
afterAll(async () => t?.close());

const valid = { provider: 'mpesa', amount: '100', currency: 'KES', msisdn: '0712345678' };

describe('bad input on every API route gets a clear 4xx naming the field, never a 5xx', () => {
  it.each([
    ['missing provider', { ...valid, provider: undefined }, 'provider'],
    ['unknown provider', { ...valid, provider: 'paypal' }, 'provider'],
    ['amount as a JSON number', { ...valid, amount: 100 }, 'amount'],
    ['amount with letters', { ...valid, amount: '10O' }, 'amount'],
    ['negative amount', { ...valid, amount: '-5' }, 'amount'],
    ['zero amount', { ...valid, amount: '0' }, 'amount'],
    ['cents for M-Pesa', { ...valid, amount: '100.50' }, 'amount'],
    ['above the M-Pesa maximum', { ...valid, amount: '250001' }, 'amount'],
    ['unknown currency', { ...valid, currency: 'EUR' }, 'currency'],
    ['currency the provider does not take', { ...valid, currency: 'TZS' }, 'currency'],
    ['missing msisdn', { ...valid, msisdn: undefined }, 'msisdn'],
    ['landline', { ...valid, msisdn: '020 1234567' }, 'msisdn'],
    ['foreign number', { ...valid, msisdn: '+255712345678' }, 'msisdn'],
    ['garbage msisdn', { ...valid, msisdn: 'call me' }, 'msisdn'],
    ['bad callback_url', { ...valid, callback_url: 'ftp://example.com/x' }, 'callback_url'],
    ['bad reference', { ...valid, reference: 'has spaces!' }, 'reference'],
    ['unknown order', { ...valid, order_id: 'ord_doesnotexist000000000' }, 'order_id'],
  ])('POST /api/v1/payments with %s → 400/404 naming %s', async (_name, body, field) => {
    const res = await t.api('POST', '/api/v1/payments', body);
    expect([400, 404, 422]).toContain(res.status);
    expect(res.body.success).toBe(false);
    expect(res.body.error.field).toBe(field);
    expect(res.body.message).toContain(field);
  });

  it('refuses a body that is not JSON, or sent without the JSON content type', async () => {
    const notJson = await t.api('POST', '/api/v1/payments', '{"provider":', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.field).toBe('body');
    const wrongType = await t.api('POST', '/api/v1/payments', 'provider=mpesa', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.field).toBe('body');
  });

  it('requires a valid API key on every route', async () => {
    for (const [method, path] of [
      ['POST', '/api/v1/payments'],
      ['GET', `/api/v1/payments/${successId}`],
      ['GET', `/api/v1/payments/${successId}/status`],
      ['POST', `/api/v1/payments/${successId}/retry`],
    ] as const) {
      const none = await t.api(method, path, method === 'POST' ? valid : undefined, { authorization: '' });
      expect(none.status).toBe(401);
      const wrong = await t.api(method, path, method === 'POST' ? valid : undefined, { authorization: 'Bearer mlp_live_wrong' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('unauthorized');
    }
  });

  it.each(['GET /api/v1/payments/{id}', 'GET /api/v1/payments/{id}/status', 'POST /api/v1/payments/{id}/retry'])('%s with a malformed id → 400 naming id, unknown id → 404', async (route) => {
    const [method, template] = route.split(' ') as [string, string];
    const bad = await t.api(method, template.replace('{id}', 'not-an-id'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('id');
    const unknown = await t.api(method, template.replace('{id}', 'pay_00000000000000000000'));
    expect(unknown.status).toBe(404);
  });

  it('refuses to retry a payment that did not fail (409 naming status)', async () => {
    const res = await t.api('POST', `/api/v1/payments/${successId}/retry`);
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('status');
  });

  it('the shopper status endpoint answers 404, not 500, for junk ids, and exposes no secrets', async () => {
    expect((await fetch(`${t.app.url}/api/checkout/payments/%27;drop`)).status).toBe(404);
    const view = await fetch(`${t.app.url}${await shopperPollPath(t.db, successId)}`).then((r) => r.json());
    expect(view.phone).toBe('2547****0000');
    expect(JSON.stringify(view)).not.toMatch(/ws_CO_|Password|token/i);
  });

  it('GET /api/health reports the database kind', async () => {
    const res = await fetch(`${t.app.url}/api/health`).then((r) => r.json());
    expect(res.ok).toBe(true);
    expect(['postgres', 'pglite']).toContain(res.database);
  });

  it('the cron route is protected by CRON_SECRET', async () => {
    process.env.CRON_SECRET = 'cron-secret-0123456789abcdef';
    const { resetEnvCache } = await import('@/lib/env');
    resetEnvCache();
    expect((await fetch(`${t.app.url}/api/cron/reconcile`, { method: 'POST' })).status).toBe(401);
    const ok = await fetch(`${t.app.url}/api/cron/reconcile`, { method: 'POST', headers: { authorization: 'Bearer cron-secret-0123456789abcdef' } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).ok).toBe(true);
  });
});
