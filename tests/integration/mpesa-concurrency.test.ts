import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentEvents, payments } from '@/db/schema';
import { createOrder, findPayment, reconcileDuePayments, refreshPaymentStatus } from '@/lib/payments';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

const CALLBACK_PATH = '/api/webhooks/mpesa/sandbox-callback-token-0123456789';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

function successCallback(checkoutRequestId: string, amount: number, receipt = 'QKL7RT61SV') {
  return {
    Body: {
      stkCallback: {
        MerchantRequestID: '29115-34620561-1',
        CheckoutRequestID: checkoutRequestId,
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        CallbackMetadata: {
          Item: [
            { Name: 'Amount', Value: amount },
            { Name: 'MpesaReceiptNumber', Value: receipt },
            { Name: 'TransactionDate', Value: 20261123102115 },
            { Name: 'PhoneNumber', Value: 254700000005 },
          ],
        },
      },
    },
  };
}

const postCallback = (body: unknown, path = CALLBACK_PATH) =>
  fetch(`${t.app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function startLostCallbackPayment(amount = '250') {
  // The simulator locks a phone while its previous prompt is open (Daraja's 500.001.1001).
  await new Promise((r) => setTimeout(r, 250));
  // 254700000005: the simulator never sends the callback; STK query answers success.
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount, currency: 'KES', msisdn: '254700000005' });
  expect(res.status).toBe(201);
  const payment = await findPayment(t.db, res.body.data.id);
  if (!payment?.providerReference) throw new Error('no CheckoutRequestID');
  return payment;
}

describe('exactly-once crediting under duplicate, concurrent and late events', () => {
  it('10 duplicate callbacks fired concurrently with status polls, queries and reconciler runs credit the order once', async () => {
    const payment = await startLostCallbackPayment();
    await new Promise((r) => setTimeout(r, 250)); // let the simulator reach its outcome for queries
    await t.db.update(payments).set({ nextCheckAt: new Date(Date.now() - 1000) }).where(eq(payments.id, payment.id));
    const callbacks = Array.from({ length: 10 }, () => postCallback(successCallback(payment.providerReference!, 250)));
    const polls = Array.from({ length: 10 }, () => t.api('GET', `/api/v1/payments/${payment.id}/status`));
    const queries = Array.from({ length: 5 }, () => refreshPaymentStatus(t.db, payment.id));
    const reconciles = Array.from({ length: 3 }, () => reconcileDuePayments(t.db));
    const results = await Promise.all([...callbacks, ...polls, ...queries, ...reconciles]);
    for (const r of results.slice(0, 10)) expect((r as Response).status).toBe(200);

    const [order] = await t.db.select().from(orders).where(eq(orders.id, payment.orderId));
    expect(order?.amountPaidMinor).toBe(25_000);
    expect(order?.paymentStatus).toBe('paid');
    const done = await findPayment(t.db, payment.id);
    expect(done?.status).toBe('success');
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id));
    expect(events.filter((e) => e.summary.startsWith('credited'))).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'status_change' && e.summary.includes('→ success'))).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'webhook')).toHaveLength(10);
  });

  it('the simulator\'s own duplicate callbacks (254700000006) credit once', async () => {
    const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '300', currency: 'KES', msisdn: '254700000006' });
    const id = res.body.data.id as string;
    await waitFor(async () => {
      const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, id));
      return events.filter((e) => e.kind === 'webhook').length >= 5 && events.some((e) => e.summary.startsWith('credited'));
    });
    // Let any straggling duplicate finish applying before counting credits.
    await new Promise((r) => setTimeout(r, 300));
    const [order] = await t.db.select().from(orders).where(eq(orders.id, res.body.data.order_id));
    expect(order?.amountPaidMinor).toBe(30_000);
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, id));
    expect(events.filter((e) => e.summary.startsWith('credited'))).toHaveLength(1);
  });

  it('the reconciler settles a payment whose callback was lost, and leaves it alone once final', async () => {
    const payment = await startLostCallbackPayment('120');
    await new Promise((r) => setTimeout(r, 250));
    expect((await findPayment(t.db, payment.id))?.status).toBe('processing');
    await t.db.update(payments).set({ nextCheckAt: new Date(Date.now() - 1000) }).where(eq(payments.id, payment.id));
    const report = await reconcileDuePayments(t.db);
    expect(report.settled).toBeGreaterThanOrEqual(1);
    expect((await findPayment(t.db, payment.id))?.status).toBe('success');
    const second = await reconcileDuePayments(t.db);
    expect(second.checked).toBe(0);
  });

  it('a wrong callback token changes nothing', async () => {
    const payment = await startLostCallbackPayment('130');
    const res = await postCallback(successCallback(payment.providerReference!, 130), '/api/webhooks/mpesa/not-the-token-at-all-000');
    expect(res.status).toBe(403);
    const after = await findPayment(t.db, payment.id);
    expect(after?.status).toBe('processing');
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id));
    expect(events.some((e) => e.kind === 'webhook')).toBe(false);
  });

  it('an unknown CheckoutRequestID is recorded and acknowledged', async () => {
    const res = await postCallback(successCallback('ws_CO_000000000000000000unknown', 50));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ResultCode: 0, ResultDesc: 'Accepted' });
    const recorded = await t.db.select().from(paymentEvents).where(eq(paymentEvents.provider, 'mpesa'));
    expect(recorded.some((e) => e.paymentId === null && e.summary.includes('ws_CO_000000000000000000unknown'))).toBe(true);
  });

  it('a malformed callback is refused with 400 and recorded', async () => {
    const res = await postCallback({ Body: { nope: true } });
    expect(res.status).toBe(400);
  });

  it('a failure callback after success never downgrades it; a late success after our expiry still completes the order', async () => {
    const payment = await startLostCallbackPayment('140');
    await postCallback(successCallback(payment.providerReference!, 140));
    await postCallback({ Body: { stkCallback: { MerchantRequestID: 'x', CheckoutRequestID: payment.providerReference, ResultCode: 1032, ResultDesc: 'Request cancelled by user' } } });
    const after = await findPayment(t.db, payment.id);
    expect(after?.status).toBe('success');
    expect(after?.attention).toBe('contradictory_callback');

    const late = await startLostCallbackPayment('160');
    await t.db.update(payments).set({ status: 'expired' }).where(eq(payments.id, late.id));
    await postCallback(successCallback(late.providerReference!, 160, 'QKL7RT61SW'));
    expect((await findPayment(t.db, late.id))?.status).toBe('success');
    const [order] = await t.db.select().from(orders).where(eq(orders.id, late.orderId));
    expect(order?.amountPaidMinor).toBe(16_000);
  });

  it('reopens and flags a payment left pending (process died during the push): never expired as "not sent"', async () => {
    const order = await createOrder(t.db, { description: 'stale', currency: 'KES', totalMinor: 1000 });
    await t.db.insert(payments).values({ id: 'pay_stalestalestalestale', orderId: order.id, provider: 'mpesa', amountMinor: 1000, currency: 'KES', msisdn: '254700000000', status: 'pending', createdAt: new Date(Date.now() - 11 * 60_000) });
    const fresh = await createOrder(t.db, { description: 'fresh', currency: 'KES', totalMinor: 1000 });
    await t.db.insert(payments).values({ id: 'pay_freshfreshfreshfres', orderId: fresh.id, provider: 'mpesa', amountMinor: 1000, currency: 'KES', msisdn: '254700000000', status: 'pending' });
    await reconcileDuePayments(t.db);
    expect(await findPayment(t.db, 'pay_stalestalestalestale')).toMatchObject({ status: 'processing', attention: 'initiate_unknown' });
    expect((await findPayment(t.db, 'pay_freshfreshfreshfres'))?.status).toBe('pending');
  });

  it('payment_events is append-only in the database itself', async () => {
    const [event] = await t.db.select().from(paymentEvents).limit(1);
    await expect(t.db.update(paymentEvents).set({ summary: 'rewritten' }).where(eq(paymentEvents.id, event!.id))).rejects.toThrow();
    await expect(t.db.delete(paymentEvents).where(eq(paymentEvents.id, event!.id))).rejects.toThrow();
  });
});
