import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentEvents } from '@/db/schema';
import { findPayment } from '@/lib/payments';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';
import { shopperPollPath } from '../support/shopper-key';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

async function pay(msisdn: string, amount = '150') {
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount, currency: 'KES', msisdn });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; status: string; order_id: string };
}

async function finalStatus(id: string) {
  return waitFor(async () => {
    const p = await findPayment(t.db, id);
    return p && !['pending', 'processing'].includes(p.status) ? p : null;
  });
}

describe('M-Pesa STK push through the route handlers and the Daraja simulator', () => {
  it('pays: push, callback, status success, order credited, receipt kept', async () => {
    const started = await pay('0700 000 000');
    expect(started.status).toBe('processing');
    const done = await finalStatus(started.id);
    expect(done.status).toBe('success');
    expect(done.receipt).toMatch(/^[A-Z][A-Z0-9]{9}$/);
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.order_id));
    expect(order?.amountPaidMinor).toBe(15_000);
    expect(order?.paymentStatus).toBe('paid');
    const status = await t.api('GET', `/api/v1/payments/${started.id}/status`);
    expect(status.body.data).toMatchObject({ status: 'success', provider_status: '0', amount: '150.00', transaction_id: done.receipt });
    const ledger = t.sandbox.ledger('mpesa');
    expect(JSON.stringify(ledger)).toContain(done.providerReference);
  });

  it('records every request, response and webhook with the password and token redacted', async () => {
    const started = await pay('254700000000');
    await finalStatus(started.id);
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, started.id)).orderBy(paymentEvents.id);
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['request', 'response', 'webhook', 'status_change']));
    const all = JSON.stringify(events);
    expect(all).not.toMatch(/bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919/);
    const push = events.find((e) => e.kind === 'request' && e.summary.startsWith('STK push'));
    expect((push?.payload as Record<string, unknown>).Password).toBe('[redacted]');
    expect(all).not.toContain('sandbox-callback-token');
  });

  it.each([
    ['254700000001', 'failed', '1'],
    ['254700000002', 'cancelled', '1032'],
    ['254700000003', 'failed', '1037'],
    ['254700000004', 'failed', '2001'],
    ['254700000010', 'expired', '1019'],
    ['254700000013', 'failed', '1001'],
  ])('maps the outcome of %s to %s (ResultCode %s) without crediting', async (msisdn, status, code) => {
    const started = await pay(msisdn);
    const done = await finalStatus(started.id);
    expect(done.status).toBe(status);
    expect(done.failureCode).toBe(code);
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.order_id));
    expect(order?.amountPaidMinor).toBe(0);
    const view = await fetch(`${t.app.url}${await shopperPollPath(t.db, started.id)}`).then((r) => r.json());
    expect(view.message.length).toBeGreaterThan(10);
    expect(view.retryable).toBe(true);
  });

  it('fails at once, without a prompt, when Daraja answers 5xx to the push', async () => {
    const started = await pay('254700000008');
    expect(started.status).toBe('failed');
    const p = await findPayment(t.db, started.id);
    expect(p?.failureCode).toBe('provider_unavailable');
  });

  it('tolerates a slow provider', async () => {
    const started = await pay('254700000009');
    expect(started.status).toBe('processing');
    expect((await finalStatus(started.id)).status).toBe('success');
  });

  it('keeps the first success when a contradictory failure callback arrives late, and flags it', async () => {
    const started = await pay('254700000007');
    expect((await finalStatus(started.id)).status).toBe('success');
    const flagged = await waitFor(async () => {
      const p = await findPayment(t.db, started.id);
      return p?.attention === 'contradictory_callback' ? p : null;
    });
    expect(flagged.status).toBe('success');
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.order_id));
    expect(order?.amountPaidMinor).toBe(15_000);
  });

  it('flags a callback whose amount differs and never credits it', async () => {
    const started = await pay('254700000011');
    const flagged = await waitFor(async () => {
      const p = await findPayment(t.db, started.id);
      return p?.attention === 'amount_mismatch' ? p : null;
    });
    expect(flagged.status).toBe('processing');
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.order_id));
    expect(order?.amountPaidMinor).toBe(0);
  });

  it('cancelled, then retry through the API, then success: one credit', async () => {
    const started = await pay('254700000012');
    expect((await finalStatus(started.id)).status).toBe('cancelled');
    const retry = await t.api('POST', `/api/v1/payments/${started.id}/retry`);
    expect(retry.status).toBe(201);
    expect(retry.body.data.retry_of).toBe(started.id);
    expect((await finalStatus(retry.body.data.id)).status).toBe('success');
    const again = await t.api('POST', `/api/v1/payments/${retry.body.data.id}/retry`);
    expect(again.status).toBe(409);
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.order_id));
    expect(order?.amountPaidMinor).toBe(15_000);
  });

  it('confirms a success callback by STK query before crediting when configured', async () => {
    process.env.MPESA_CONFIRM_WITH_QUERY = '1';
    const { resetEnvCache } = await import('@/lib/env');
    resetEnvCache();
    try {
      const started = await pay('254700000000');
      const done = await finalStatus(started.id);
      expect(done.status).toBe('success');
      const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, started.id)).orderBy(paymentEvents.id);
      const queryIndex = events.findIndex((e) => e.summary.startsWith('STK query'));
      const creditIndex = events.findIndex((e) => e.summary.startsWith('credited'));
      expect(queryIndex).toBeGreaterThan(-1);
      expect(queryIndex).toBeLessThan(creditIndex);
    } finally {
      process.env.MPESA_CONFIRM_WITH_QUERY = '0';
      resetEnvCache();
    }
  });
});
