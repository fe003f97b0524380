import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentEvents, payments, webhookOutbox } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import { findPayment } from '@/lib/payments';
import { cancelOtpPayment, expireStaleOtps } from '@/lib/payments/otp-close';
import { resendOtp } from '@/lib/payments/otp-resend';
import { patchPayment } from '@/lib/payments/payment-store';
import { reconcileDuePayments } from '@/lib/payments/reconciler';
import { refreshPaymentStatus } from '@/lib/payments/refresh';
import { latestOtp, wrongOtp } from '../support/otp';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

let next = 0;
/** A fresh success number per test: the send limit is 3 codes per phone per 15 minutes. */
const freshPhone = () => `26377100${String(1000 + next++).padStart(4, '0')}`;

async function start(msisdn: string, amount = '35.50', extra: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/api/v1/payments', { provider: 'omari', amount, currency: 'USD', msisdn, ...extra });
  return res;
}

describe('Omari through the route handlers and the simulator', () => {
  it('auth then request: 201 awaiting_otp with the otp_reference, then 200 success with both references kept', async () => {
    const msisdn = freshPhone();
    const started = await start(`0${msisdn.slice(3)}`);
    expect(started.status).toBe(201);
    expect(started.body.data).toMatchObject({ status: 'awaiting_otp', msisdn, amount: '35.50' });
    expect(started.body.data.otp_reference).toMatch(/^[A-Z]{4}$/);
    const sms = await fetch(`${t.sandbox.url}/_sandbox/sms?msisdn=${msisdn}`).then((r) => r.json());
    expect(sms.messages[0].text).toContain(started.body.data.otp_reference);

    const otp = await latestOtp(t.sandbox.url, msisdn);
    const done = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(done.status).toBe(200);
    expect(done.body.data.status).toBe('success');
    expect(done.body.data.transaction_id).toMatch(/^[A-Z0-9]{26}$/);

    const payment = await findPayment(t.db, started.body.data.id);
    expect(payment?.notes.record).toMatchObject({ method: 'omari', status: 'success', provider_reference: done.body.data.transaction_id, debit_reference: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.body.data.order_id));
    expect(order).toMatchObject({ amountPaidMinor: 3550, paymentStatus: 'paid', paidTransactionId: done.body.data.transaction_id });

    // Never in clear: not in our events, not in the simulator's ledger.
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, started.body.data.id));
    expect(JSON.stringify(events)).not.toContain(`"${otp}"`);
    expect(JSON.stringify(events)).not.toContain('sandbox-merchant-key');
    expect(payment?.otpHash).toBeNull();

    const again = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(again.status).toBe(409);
  });

  it.each([
    ['msisdn', { msisdn: '+254712345678' }],
    ['currency', { currency: 'KES' }],
    ['reference', { reference: 'not-a-uuid' }],
  ])('refuses a bad %s with a 400 naming it, before any call to Omari', async (field, extra) => {
    const before = t.sandbox.ledger('omari').length;
    const res = await start(freshPhone(), '10.00', extra);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(t.sandbox.ledger('omari').length).toBe(before);
  });

  it('uses the merchant UUID as Omari reference', async () => {
    const reference = '9ee57919-b4f0-4d86-95ae-a1311ad1de7d';
    const res = await start(freshPhone(), '3.50', { reference });
    expect(res.status).toBe(201);
    expect(res.body.data.provider_reference).toBe(reference);
  });

  it('wrong code says so with the tries left and keeps awaiting_otp; the 5th locks; the 6th is refused', async () => {
    const msisdn = freshPhone();
    const started = await start(msisdn);
    const otp = await latestOtp(t.sandbox.url, msisdn);
    const url = `/api/v1/payments/${started.body.data.id}/otp`;
    const codes = ['000001', '000002', '000003', '000004'].map((c) => (c === otp ? '999999' : c));
    for (const [i, code] of codes.entries()) {
      const res = await t.api('POST', url, { otp: code });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'otp_invalid', field: 'otp', details: { tries_left: 4 - i } });
      expect(res.body.message).toContain(i === 3 ? '1 try left' : `${4 - i} tries left`);
      expect((await findPayment(t.db, started.body.data.id))?.status).toBe('awaiting_otp');
    }
    const repeat = await t.api('POST', url, { otp: codes[3] });
    expect(repeat.body.error.details.tries_left).toBe(1);
    const fifth = await t.api('POST', url, { otp: wrongOtp(otp) === codes[0] ? '888888' : wrongOtp(otp) });
    expect(fifth.status).toBe(409);
    expect(fifth.body.error.code).toBe('otp_locked');
    const sixth = await t.api('POST', url, { otp });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('otp_locked');
    const payment = await findPayment(t.db, started.body.data.id);
    expect(payment).toMatchObject({ status: 'failed', failureCode: 'otp_attempts_exceeded', otpAttempts: 5 });
    expect(payment?.otpHash).not.toContain(otp);
    // The right code never reached Omari after the lock.
    const requests = t.sandbox.ledger('omari').filter((e) => e.kind === 'request' && String(e.path).endsWith('/request'));
    expect(requests.filter((e) => JSON.stringify(e.body).includes(started.body.data.provider_reference))).toHaveLength(5);
  });

  it('insufficient funds: the right code, then 422 with Omari\'s code and message kept', async () => {
    const started = await start('263770000001');
    const otp = await latestOtp(t.sandbox.url, '263770000001');
    const res = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toMatchObject({ status: 'failed', failure_code: '051' });
    expect(await findPayment(t.db, started.body.data.id)).toMatchObject({ status: 'failed', failureCode: '051', failureMessage: 'Insufficient funds' });
  });

  it('expired code: 410 and the payment expires', async () => {
    const started = await start('263770000002');
    const otp = await latestOtp(t.sandbox.url, '263770000002');
    await new Promise((r) => setTimeout(r, 1100));
    const res = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe('otp_expired');
    expect((await findPayment(t.db, started.body.data.id))?.status).toBe('expired');
    // A new code replaces it: a new Omari reference, the old attempt left as it was.
    const replacement = await resendOtp(t.db, started.body.data.id);
    expect(replacement).toMatchObject({ status: 'awaiting_otp', retryOf: started.body.data.id });
    expect(replacement.providerReference).not.toBe(started.body.data.provider_reference);
  });

  it('provider error on auth: the attempt fails at once without a code', async () => {
    const res = await start('263770000003');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'failed', failure_code: 'provider_unavailable' });
  });

  it('concurrent double submit of the right code: one provider confirmation, one credit', async () => {
    const msisdn = freshPhone();
    const started = await start(msisdn, '20.00');
    const otp = await latestOtp(t.sandbox.url, msisdn);
    const url = `/api/v1/payments/${started.body.data.id}/otp`;
    const results = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', url, { otp })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.body.data.order_id));
    expect(order?.amountPaidMinor).toBe(2000);
  });
});

describe('Omari: outcome unknown, transient query answers, reused references, code format', () => {
  const setTimeoutMs = (ms: number) => {
    process.env.PROVIDER_TIMEOUT_MS = String(ms);
    resetEnvCache();
  };

  it('a confirmation that times out keeps the payment in processing (flagged), refuses cancel, resend, a second code and OTP expiry; the reconciler settles it with one final webhook', async () => {
    const callbackUrl = 'http://127.0.0.1:9/merchant-hook';
    const started = await start('263770000004', '12.00', { callback_url: callbackUrl });
    expect(started.body.data.status).toBe('awaiting_otp');
    const id = started.body.data.id as string;
    const otp = await latestOtp(t.sandbox.url, '263770000004');
    // Omari answers after slowMs (300 ms): our call gives up first, but Omari takes the money.
    setTimeoutMs(100);
    try {
      const res = await t.api('POST', `/api/v1/payments/${id}/otp`, { otp });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'provider_unavailable', details: { status: 'processing', outcome: 'unknown' } });
      expect(res.body.message).toContain('do not pay again');
    } finally {
      setTimeoutMs(5000);
    }
    const held = await findPayment(t.db, id);
    expect(held).toMatchObject({ status: 'processing', attention: 'unknown_outcome' });
    expect(held?.nextCheckAt).not.toBeNull();

    const again = await t.api('POST', `/api/v1/payments/${id}/otp`, { otp });
    expect(again.status).toBe(409);
    await expect(cancelOtpPayment(t.db, id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(resendOtp(t.db, id)).rejects.toMatchObject({ code: 'conflict' });
    await patchPayment(t.db, id, { expiresAt: new Date(Date.now() - 1000) });
    await expireStaleOtps(t.db);
    expect((await findPayment(t.db, id))?.status).toBe('processing');

    // Omari's query knows: the reconciler completes the payment and the order.
    await patchPayment(t.db, id, { nextCheckAt: new Date(Date.now() - 1000) });
    await reconcileDuePayments(t.db);
    const done = await findPayment(t.db, id);
    expect(done).toMatchObject({ status: 'success', attention: null });
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.body.data.order_id));
    expect(order?.amountPaidMinor).toBe(1200);
    // The final status reaches the merchant; the internal awaiting_otp ⇄ processing hop does not.
    const hooks = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, id));
    expect(hooks.map((h) => h.eventType)).toContain('payment.success');
    expect(hooks.map((h) => h.eventType)).not.toContain('payment.processing');
  });

  it('Omari refusing our key on /request (nothing processed) gives the code back: 502, awaiting_otp', async () => {
    const msisdn = freshPhone();
    const started = await start(msisdn, '5.00');
    const otp = await latestOtp(t.sandbox.url, msisdn);
    process.env.OMARI_MERCHANT_KEY = 'wrong-key';
    resetEnvCache();
    try {
      const res = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('provider_rejected');
    } finally {
      delete process.env.OMARI_MERCHANT_KEY;
      resetEnvCache();
    }
    expect(await findPayment(t.db, started.body.data.id)).toMatchObject({ status: 'awaiting_otp', attention: null });
    const done = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(done.status).toBe(200);
  });

  it('a status query "not found" never kills a code being awaited, nor a young payment; a late one fails it', async () => {
    const started = await start(freshPhone(), '6.00');
    const id = started.body.data.id as string;
    // A reference Omari never saw: the query answers "025".
    await t.db.update(payments).set({ providerReference: randomUUID() }).where(eq(payments.id, id));
    expect((await refreshPaymentStatus(t.db, id)).status).toBe('awaiting_otp');

    await t.db.update(payments).set({ status: 'processing' }).where(eq(payments.id, id));
    expect((await refreshPaymentStatus(t.db, id)).status).toBe('processing');

    await t.db.update(payments).set({ createdAt: new Date(Date.now() - 3 * 60_000) }).where(eq(payments.id, id));
    expect(await refreshPaymentStatus(t.db, id)).toMatchObject({ status: 'failed', failureCode: '025' });
  });

  it('a reused merchant reference is a 409 naming reference, before any call to Omari', async () => {
    const reference = randomUUID();
    const first = await start(freshPhone(), '2.00', { reference });
    expect(first.status).toBe(201);
    const before = t.sandbox.ledger('omari').length;
    const second = await start(freshPhone(), '2.00', { reference: reference.toUpperCase() });
    expect(second.status).toBe(409);
    expect(second.body.error.field).toBe('reference');
    expect(t.sandbox.ledger('omari').length).toBe(before);
  });

  it('the code is taken as a string of digits only: a JSON number is a 400 naming otp and costs no try', async () => {
    const msisdn = freshPhone();
    const started = await start(msisdn, '3.00');
    const url = `/api/v1/payments/${started.body.data.id}/otp`;
    for (const otp of [12345, '12a456', '']) {
      const res = await t.api('POST', url, { otp });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('otp');
    }
    expect(await findPayment(t.db, started.body.data.id)).toMatchObject({ status: 'awaiting_otp', otpAttempts: 0 });
    const done = await t.api('POST', url, { otp: await latestOtp(t.sandbox.url, msisdn) });
    expect(done.status).toBe(200);
  });
});
