import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@/lib/api/api-keys';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;
let keyA: string;
let keyB: string;
let adminKey: string;
let paymentOfA: string;

const as = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startIntegrationApp();
  keyA = (await createApiKey(t.db, 'merchant A')).key;
  keyB = (await createApiKey(t.db, 'merchant B')).key;
  adminKey = (await createApiKey(t.db, 'operations', null, 'admin')).key;
  // A failed start (magic number) so that retry is allowed.
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '10', currency: 'KES', msisdn: '254700000000' }, as(keyA));
  expect(res.status).toBe(201);
  paymentOfA = res.body.data.id;
});
afterAll(async () => t?.close());

describe('each API key sees only its own payments; admin keys see all', () => {
  it.each([
    ['GET', ''],
    ['GET', '/status'],
    ['POST', '/retry'],
    ['POST', '/otp'],
  ])('%s /payments/{id of another key}%s → 404', async (method, suffix) => {
    const res = await t.api(method, `/api/v1/payments/${paymentOfA}${suffix}`, method === 'POST' ? { otp: '123456' } : undefined, as(keyB));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it("another key's list does not hold the payment; the creator's and an admin key's do", async () => {
    const ids = async (key: string) => ((await t.api('GET', '/api/v1/payments?limit=100', undefined, as(key))).body.data.payments as { id: string }[]).map((p) => p.id);
    expect(await ids(keyB)).not.toContain(paymentOfA);
    expect(await ids(keyA)).toContain(paymentOfA);
    expect(await ids(adminKey)).toContain(paymentOfA);
  });

  it("another key cannot pay this key's order (404 naming order_id); an admin key can", async () => {
    const orderId = (await t.api('GET', `/api/v1/payments/${paymentOfA}`, undefined, as(keyA))).body.data.order_id;
    expect(orderId).toMatch(/^ord_/);
    const body = { provider: 'mpesa', amount: '10', currency: 'KES', msisdn: '254700000000', order_id: orderId };
    const refused = await t.api('POST', '/api/v1/payments', body, as(keyB));
    expect(refused.status).toBe(404);
    expect(refused.body.error.field).toBe('order_id');
    expect((await t.api('POST', '/api/v1/payments', body, as(adminKey))).status).not.toBe(404);
  });

  it('the creating key and an admin key read it', async () => {
    expect((await t.api('GET', `/api/v1/payments/${paymentOfA}`, undefined, as(keyA))).status).toBe(200);
    expect((await t.api('GET', `/api/v1/payments/${paymentOfA}/status`, undefined, as(adminKey))).status).toBe(200);
  });
});
