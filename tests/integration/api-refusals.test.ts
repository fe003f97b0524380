// A refused API request leaves nothing behind: no order, no payment (issue 8 §6).
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '@/db/schema';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

const orderCount = async () => (await t.db.select({ n: count() }).from(orders))[0]!.n;

describe('POST /api/v1/payments refused before any order is created', () => {
  it.each([
    ['a phone the provider cannot reach', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '255712345678' }, 'msisdn'],
    ['an amount M-Pesa does not take', { provider: 'mpesa', amount: '150.50', currency: 'KES', msisdn: '254712345678' }, 'amount'],
    ['a currency the provider does not take', { provider: 'mpesa', amount: '150', currency: 'TZS', msisdn: '254712345678' }, 'currency'],
    ['an amount over the provider limit', { provider: 'mpesa', amount: '300000', currency: 'KES', msisdn: '254712345678' }, 'amount'],
  ])('%s', async (_label, body, field) => {
    const before = await orderCount();
    const res = await t.api('POST', '/api/v1/payments', body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(await orderCount()).toBe(before);
  });
});
