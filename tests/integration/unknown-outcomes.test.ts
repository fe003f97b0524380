// When we cannot know what a provider did (timeouts), the money must still never be lost.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, payments } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import { createOrder, findPayment, reconcileDuePayments } from '@/lib/payments';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  // The slow magic number answers after 600 ms; our timeout is 200 ms.
  t = await startIntegrationApp({ sandbox: { slowMs: 600 } });
});
afterAll(async () => t?.close());

describe('outcomes we cannot know at once', () => {
  it('an STK push that times out stays open (flagged), and its late callback is matched back and credited', async () => {
    process.env.PROVIDER_TIMEOUT_MS = '200';
    resetEnvCache();
    let id: string;
    try {
      const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '77', currency: 'KES', msisdn: '254700000009' });
      expect(res.status).toBe(201);
      id = res.body.data.id;
      expect(res.body.data).toMatchObject({ status: 'processing', needs_attention: 'initiate_unknown', provider_reference: null });
    } finally {
      process.env.PROVIDER_TIMEOUT_MS = '5000';
      resetEnvCache();
    }
    // The simulator did accept the push: its callback carries a CheckoutRequestID we never stored.
    const done = await waitFor(async () => {
      const p = await findPayment(t.db, id);
      return p?.status === 'success' ? p : null;
    });
    expect(done.providerReference).toMatch(/^ws_CO_/);
    expect(done.attention).toBeNull();
    const [order] = await t.db.select().from(orders).where(eq(orders.id, done.orderId));
    expect(order?.amountPaidMinor).toBe(7_700);
  });

  it('a payment we expired after silence is still queried, and a confirmed success completes the order', async () => {
    const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '88', currency: 'KES', msisdn: '254700000005' });
    const id = res.body.data.id as string;
    await new Promise((r) => setTimeout(r, 300));
    // As if the reconciler had given up while Daraja was unreachable.
    await t.db.update(payments).set({ status: 'expired', failureCode: 'no_final_status', nextCheckAt: new Date(Date.now() - 1000) }).where(eq(payments.id, id));
    const report = await reconcileDuePayments(t.db);
    expect(report.settled).toBeGreaterThanOrEqual(1);
    const after = await findPayment(t.db, id);
    expect(after?.status).toBe('success');
    const [order] = await t.db.select().from(orders).where(eq(orders.id, after!.orderId));
    expect(order?.amountPaidMinor).toBe(8_800);
  });

  it('a payment whose provider is not available is skipped without stopping the others', async () => {
    const order = await createOrder(t.db, { description: 'broken', currency: 'KES', totalMinor: 500 });
    // A processing payment of a provider that is not configured: querying it yields nothing.
    await t.db.insert(payments).values({ id: 'pay_brokenbrokenbroken0', orderId: order.id, provider: 'ottu', amountMinor: 500, currency: 'KES', status: 'processing', providerReference: 'x', nextCheckAt: new Date(Date.now() - 1000) });
    const good = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '99', currency: 'KES', msisdn: '254700000005' });
    await new Promise((r) => setTimeout(r, 300));
    await t.db.update(payments).set({ nextCheckAt: new Date(Date.now() - 1000) }).where(eq(payments.id, good.body.data.id));
    await reconcileDuePayments(t.db);
    expect((await findPayment(t.db, good.body.data.id))?.status).toBe('success');
  });

  it('refuses a second attempt on an order while the first prompt is still on the phone', async () => {
    // Someone else's attempt in flight (another order) must not count against this order.
    const other = await createOrder(t.db, { description: 'another shopper', currency: 'KES', totalMinor: 20_000 });
    await t.db.insert(payments).values({ id: 'pay_otherotherotherothe', orderId: other.id, provider: 'mpesa', amountMinor: 20_000, currency: 'KES', status: 'pending' });
    const order = await createOrder(t.db, { description: 'two tabs', currency: 'KES', totalMinor: 20_000 });
    const first = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '200', currency: 'KES', msisdn: '254712345678', order_id: order.id });
    expect(first.body.data.status).toBe('processing');
    const second = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '200', currency: 'KES', msisdn: '254712345679', order_id: order.id });
    expect(second.status).toBe(409);
    expect(second.body.error.field).toBe('order_id');
    // Our own prompt expiry is not the provider's word: while Daraja still holds the prompt open,
    // a new attempt stays refused (issue 8 §3; before, it was accepted and could charge twice).
    await t.db.update(payments).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(payments.id, first.body.data.id));
    const third = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '200', currency: 'KES', msisdn: '254712345679', order_id: order.id });
    expect(third.status).toBe(409);
    expect(third.body.message).toContain(first.body.data.id);
  });
});
