// A word we cannot trust, or do not know, is never a verdict (issue 8 §1): Daraja's "4999 still
// under processing", unsigned failure callbacks racing the real approval, forged amounts, and
// query answers that lag the callback. All with MPESA_CONFIRM_WITH_QUERY on (production default).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentEvents, payments } from '@/db/schema';
import { applyProviderOutcome, findPayment, reconcileDuePayments, refreshPaymentStatus } from '@/lib/payments';
import { NO_FINAL_STATUS } from '@/lib/payments/reconciler';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';
import { insertPayment } from '../support/payment-fixtures';

const CALLBACK_PATH = '/api/webhooks/mpesa/sandbox-callback-token-0123456789';
let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp({ sandbox: { outcomeDelayMs: 1500, slowMs: 1500 }, env: { MPESA_CONFIRM_WITH_QUERY: '1' } });
});
afterAll(async () => t?.close());

async function pay(msisdn: string, amount = '150') {
  // The simulator locks a phone while its previous prompt is open (Daraja's 500.001.1001).
  await new Promise((r) => setTimeout(r, 1700));
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount, currency: 'KES', msisdn });
  expect(res.status).toBe(201);
  const payment = await findPayment(t.db, res.body.data.id);
  if (!payment?.providerReference) throw new Error('no CheckoutRequestID');
  return payment;
}

const amountPaid = async (orderId: string) => (await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]?.amountPaidMinor;
const settled = (id: string) => waitFor(async () => {
  const p = await findPayment(t.db, id);
  return p && p.status !== 'processing' && p.status !== 'pending' ? p : null;
});

function callback(checkoutRequestId: string, resultCode: number, amount?: number, receipt = 'QKL7RT61SV') {
  const stkCallback: Record<string, unknown> = { MerchantRequestID: '1-2-3', CheckoutRequestID: checkoutRequestId, ResultCode: resultCode, ResultDesc: `code ${resultCode}` };
  if (amount !== undefined) {
    stkCallback.CallbackMetadata = { Item: [{ Name: 'Amount', Value: amount }, { Name: 'MpesaReceiptNumber', Value: receipt }, { Name: 'TransactionDate', Value: 20261202101500 }, { Name: 'PhoneNumber', Value: 254700000014 }] };
  }
  return fetch(`${t.app.url}${CALLBACK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Body: { stkCallback } }) });
}

describe('M-Pesa: only documented final codes are final', () => {
  it('keeps a payment open when STK query answers HTTP 200 ResultCode 4999, then credits the real success', async () => {
    const payment = await pay('254700000014');
    const queried = await refreshPaymentStatus(t.db, payment.id);
    expect(queried.status).toBe('processing');
    const done = await settled(payment.id);
    expect(done.status).toBe('success');
    expect(done.attention).toBeNull();
    expect(await amountPaid(payment.orderId)).toBe(15_000);
  });

  it('treats a result code it does not know as not final: processing, flagged, still queried', async () => {
    const payment = await insertPayment(t.db, { status: 'processing', providerReference: 'ws_CO_unknown_code' });
    const result = await applyProviderOutcome(t.db, payment.id, { status: 'processing', code: '7777', unknownCode: true, providerStatus: '7777' }, 'query');
    expect(result.applied).toBe(false);
    const after = await findPayment(t.db, payment.id);
    expect(after?.status).toBe('processing');
    expect(after?.attention).toBe('unknown_result_code');
    expect(after?.nextCheckAt).not.toBeNull();
  });
});

describe('M-Pesa: an unsigned failure callback is confirmed before it is final', () => {
  it('credits the approval that follows an early 1037 callback', async () => {
    const payment = await pay('254700000015');
    // The early 1037 arrives within milliseconds; the query says "still processing".
    await new Promise((r) => setTimeout(r, 400));
    expect((await findPayment(t.db, payment.id))?.status).toBe('processing');
    const done = await settled(payment.id);
    expect(done.status).toBe('success');
    expect(await amountPaid(payment.orderId)).toBe(15_000);
  });

  it('keeps querying a failure applied from a callback, and a provider-confirmed late success still credits', async () => {
    const payment = await insertPayment(t.db, { status: 'processing', amountMinor: 15_000, providerReference: 'ws_CO_late_success' });
    await applyProviderOutcome(t.db, payment.id, { status: 'failed', code: '1037', message: 'DS timeout' }, 'webhook');
    const failed = await findPayment(t.db, payment.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.nextCheckAt).not.toBeNull();
    const late = await applyProviderOutcome(t.db, payment.id, { status: 'success', code: '0', receipt: 'QLATE00001' }, 'query');
    expect(late.applied).toBe(true);
    expect(await amountPaid(payment.orderId)).toBe(15_000);
  });
});

describe('M-Pesa: amounts in unsigned callbacks', () => {
  it('a forged callback with a wrong amount does not block the real credit', async () => {
    const payment = await pay('254700000014');
    const forged = await callback(payment.providerReference!, 0, 1);
    expect(forged.status).toBe(200);
    const done = await settled(payment.id);
    expect(done.status).toBe('success');
    expect(await amountPaid(payment.orderId)).toBe(15_000);
  });

  it('a confirming query that lags keeps the callback amount: a short callback is never credited by the later query', async () => {
    // The confirming query cannot answer for this reference yet (the simulator does not know it).
    const payment = await insertPayment(t.db, { status: 'processing', amountMinor: 15_000, providerReference: 'ws_CO_lagging_query' });
    expect((await callback('ws_CO_lagging_query', 0, 149, 'QSHORT0001')).status).toBe(200);
    expect((await findPayment(t.db, payment.id))?.status).toBe('processing');
    const later = await applyProviderOutcome(t.db, payment.id, { status: 'success', code: '0', providerStatus: '0' }, 'query');
    expect(later.applied).toBe(false);
    expect(await amountPaid(payment.orderId)).toBe(0);
    expect((await findPayment(t.db, payment.id))?.attention).toBe('amount_mismatch');
  });

  it('fills in the receipt of a payment credited by query from the later callback, money unchanged', async () => {
    const payment = await insertPayment(t.db, { status: 'processing', amountMinor: 15_000, providerReference: 'ws_CO_receipt_later' });
    await applyProviderOutcome(t.db, payment.id, { status: 'success', code: '0', providerStatus: '0' }, 'query');
    expect((await findPayment(t.db, payment.id))?.receipt).toBeNull();
    expect((await callback('ws_CO_receipt_later', 0, 150, 'QRCPT00001')).status).toBe(200);
    const after = await findPayment(t.db, payment.id);
    expect(after?.receipt).toBe('QRCPT00001');
    expect(await amountPaid(payment.orderId)).toBe(15_000);
  });
});

describe('M-Pesa: one confirming query per attempt in flight', () => {
  it('five duplicate success callbacks at once cause one STK query, and one credit', async () => {
    // 254700000006: the simulator POSTs the success callback 5 times concurrently.
    const payment = await pay('254700000006');
    const done = await settled(payment.id);
    expect(done.status).toBe('success');
    await new Promise((r) => setTimeout(r, 300));
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id));
    const queries = events.filter((e) => e.kind === 'request' && e.summary.startsWith('STK query'));
    expect(queries.length).toBe(1);
    expect(await amountPaid(payment.orderId)).toBe(15_000);
  });
});

describe('Reconciler decides from the row as locked', () => {
  it('our own expiry never flags a success committed meanwhile as contradictory', async () => {
    const payment = await insertPayment(t.db, { status: 'processing', providerReference: 'ws_CO_race_expiry', expiresAt: new Date(Date.now() - 3_600_000) });
    await applyProviderOutcome(t.db, payment.id, { status: 'success', code: '0', receipt: 'QRACE00001' }, 'webhook');
    const late = await applyProviderOutcome(t.db, payment.id, { status: 'expired', code: NO_FINAL_STATUS, message: 'no final status' }, 'query');
    expect(late.applied).toBe(false);
    const after = await findPayment(t.db, payment.id);
    expect(after?.status).toBe('success');
    expect(after?.attention).toBeNull();
  });

  it('holds its claim on a payment for longer than a run can take', async () => {
    // 254700000009: every STK query answer takes slowMs (1.5 s here).
    const payment = await pay('254700000009');
    await t.db.update(payments).set({ nextCheckAt: new Date(Date.now() - 1000) }).where(eq(payments.id, payment.id));
    const run = reconcileDuePayments(t.db, { limit: 50 });
    await new Promise((r) => setTimeout(r, 400));
    const during = await findPayment(t.db, payment.id);
    expect(during!.nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(60_000);
    await run;
    const after = await findPayment(t.db, payment.id);
    expect(after!.nextCheckAt === null || after!.nextCheckAt.getTime() - Date.now() < 60_000).toBe(true);
  });
});
