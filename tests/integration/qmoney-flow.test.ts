import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentEvents, webhookOutbox } from '@/db/schema';
import { findPayment } from '@/lib/payments';
import { cancelOtpPayment, expireStaleOtps } from '@/lib/payments/otp-close';
import { resendOtp } from '@/lib/payments/otp-resend';
import { patchPayment } from '@/lib/payments/payment-store';
import { reconcileDuePayments } from '@/lib/payments/reconciler';
import { resetEnvCache } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { latestOtp, wrongOtp } from '../support/otp';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  // Tokens die after 1 s while Qmoney says "-1" (no expiry): the first flow must refresh mid-way.
  t = await startIntegrationApp({ sandbox: { qmoneyTokenTtlSeconds: 1, qmoneyTokenExpiryMinusOne: true } });
});
afterAll(async () => t?.close());

let next = 0;
const freshPayer = () => `22072${String(10000 + next++).slice(-5)}`;

async function start(msisdn: string, amount = '4500.00') {
  return t.api('POST', '/api/v1/payments', { provider: 'qmoney', amount, currency: 'GMD', msisdn });
}

const calls = (path: string) => t.sandbox.ledger('qmoney').filter((e) => e.kind === 'request' && e.path === path);

describe('Qmoney through the route handlers and the simulator', () => {
  it('token expires mid-flow: refused once, logged in again, confirmed transparently', async () => {
    const payer = freshPayer();
    const started = await start(payer.slice(3));
    expect(started.status).toBe(201);
    expect(started.body.data).toMatchObject({ status: 'awaiting_otp', msisdn: payer, otp_reference: null });
    expect(started.body.data.provider_reference).toMatch(/^txn_\d{20}$/);
    const otp = await latestOtp(t.sandbox.url, payer);
    await new Promise((r) => setTimeout(r, 1200));
    const logins = calls('/login').length;
    const done = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ status: 'success', transaction_id: started.body.data.provider_reference });
    expect(calls('/login').length).toBe(logins + 1);
    const verifies = calls('/verifyCode');
    expect(verifies.at(-2)?.status).toBe(401);
    expect(verifies.at(-1)?.status).toBe(200);
    // openIMIS' rule: "1" once processed; the order records Qmoney's transaction id.
    const payment = await findPayment(t.db, started.body.data.id);
    expect(payment?.providerStatus).toBe('1');
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.body.data.order_id));
    expect(order).toMatchObject({ paymentStatus: 'paid', amountPaidMinor: 450_000, paidTransactionId: started.body.data.provider_reference });
    const events = JSON.stringify(await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, started.body.data.id)));
    expect(events).not.toContain(`"${otp}"`);
    expect(events).not.toContain('sandbox-password');
    expect(events).not.toContain('c2FuZGJveC1xbW9uZXk=');
    expect(events).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('wrong code then the right one', async () => {
    const payer = freshPayer();
    const started = await start(payer, '100');
    const otp = await latestOtp(t.sandbox.url, payer);
    const url = `/api/v1/payments/${started.body.data.id}/otp`;
    const wrong = await t.api('POST', url, { otp: wrongOtp(otp) });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ success: false, message: 'otp is wrong: 4 tries left', error: { code: 'otp_invalid', details: { tries_left: 4 } } });
    const right = await t.api('POST', url, { otp: ` ${otp.slice(0, 3)} ${otp.slice(3)} ` });
    expect(right.status).toBe(200);
    expect(right.body.data.status).toBe('success');
  });

  it('concurrent double submit: Qmoney is asked once, the order credited once', async () => {
    const payer = freshPayer();
    const started = await start(payer, '50');
    const otp = await latestOtp(t.sandbox.url, payer);
    const before = calls('/verifyCode').length;
    const results = await Promise.all(Array.from({ length: 6 }, () => t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(calls('/verifyCode').filter((c) => c.status === 200).length - before).toBeLessThanOrEqual(1);
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.body.data.order_id));
    expect(order?.amountPaidMinor).toBe(5000);
  });

  it('insufficient balance keeps Qmoney\'s code and message', async () => {
    const started = await start('2207000001', '10');
    const otp = await latestOtp(t.sandbox.url, '2207000001');
    const res = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toMatchObject({ status: 'failed', failure_code: '-120008' });
  });

  it('expired code: 410', async () => {
    const started = await start('2207000004', '10');
    const otp = await latestOtp(t.sandbox.url, '2207000004');
    await new Promise((r) => setTimeout(r, 1100));
    const res = await t.api('POST', `/api/v1/payments/${started.body.data.id}/otp`, { otp });
    expect(res.status).toBe(410);
    expect((await findPayment(t.db, started.body.data.id))?.status).toBe('expired');
  });

  it('provider error on getMoney: failed at once, and the send is not counted', async () => {
    const res = await start('2207000002', '10');
    expect(res.body.data).toMatchObject({ status: 'failed', failure_code: 'provider_unavailable' });
  });

  it('resend replaces the code (old one cancelled); the 4th send for a phone in 15 minutes is refused with 429', async () => {
    const payer = freshPayer();
    const first = await start(payer, '10');
    const second = await resendOtp(t.db, first.body.data.id);
    expect(second).toMatchObject({ status: 'awaiting_otp', retryOf: first.body.data.id });
    expect(await findPayment(t.db, first.body.data.id)).toMatchObject({ status: 'cancelled', failureCode: 'otp_resent' });
    // A double click on Resend finds the same replacement.
    expect((await resendOtp(t.db, first.body.data.id)).id).toBe(second.id);
    const third = await resendOtp(t.db, second.id);
    const refused = await resendOtp(t.db, third.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'rate_limited', details: { sends_left: 0 } });
    expect((await findPayment(t.db, third.id))?.status).toBe('awaiting_otp');
    const api = await start(payer, '10');
    expect(api.status).toBe(429);
    expect(api.body.error).toMatchObject({ code: 'rate_limited', field: 'msisdn' });
    // The code of the live attempt still works.
    const otp = await latestOtp(t.sandbox.url, payer);
    const done = await t.api('POST', `/api/v1/payments/${third.id}/otp`, { otp });
    expect(done.status).toBe(200);
  });

  it('resend reserves the send before it replaces the live code: a refused resend leaves the code the shopper has working', async () => {
    const payer = freshPayer();
    // Two orders for one phone, each waiting on its code: one send (of 3) left in the window.
    const a = await start(payer, '10');
    const b = await start(payer, '11');
    const results = await Promise.allSettled([resendOtp(t.db, a.body.data.id), resendOtp(t.db, b.body.data.id)]);
    const refused = results.findIndex((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toBeGreaterThanOrEqual(0);
    expect((results[refused] as PromiseRejectedResult).reason).toMatchObject({ code: 'rate_limited' });
    const keptId = [a, b][refused]!.body.data.id;
    expect(await findPayment(t.db, keptId)).toMatchObject({ status: 'awaiting_otp' });
  });

  it('wrong credentials: the attempt fails before any code is sent, naming the setting', async () => {
    process.env.QMONEY_USERNAME = 'nobody';
    resetEnvCache();
    try {
      const res = await start(freshPayer(), '10');
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ status: 'failed', failure_code: 'qmoney_auth_failed' });
      expect(res.body.data.failure_message).toContain('QMONEY_USERNAME');
    } finally {
      delete process.env.QMONEY_USERNAME;
      resetEnvCache();
    }
  });

  it('verifyCode times out: processing and flagged, never back to the code step; without a query the reconciler expires it still flagged, with a final webhook, and no new code', async () => {
    const started = await t.api('POST', '/api/v1/payments', { provider: 'qmoney', amount: '25', currency: 'GMD', msisdn: '2207000003', callback_url: 'http://127.0.0.1:9/merchant-hook' });
    const id = started.body.data.id as string;
    const otp = await latestOtp(t.sandbox.url, '2207000003');
    // Qmoney answers after slowMs (300 ms) and takes the money; we stop waiting at 100 ms.
    process.env.PROVIDER_TIMEOUT_MS = '100';
    resetEnvCache();
    try {
      const res = await t.api('POST', `/api/v1/payments/${id}/otp`, { otp });
      expect(res.status).toBe(503);
      expect(res.body.error.details).toMatchObject({ status: 'processing', outcome: 'unknown' });
    } finally {
      process.env.PROVIDER_TIMEOUT_MS = '5000';
      resetEnvCache();
    }
    expect(await findPayment(t.db, id)).toMatchObject({ status: 'processing', attention: 'unknown_outcome' });
    expect((await t.api('POST', `/api/v1/payments/${id}/otp`, { otp })).status).toBe(409);
    await expect(cancelOtpPayment(t.db, id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(resendOtp(t.db, id)).rejects.toMatchObject({ code: 'conflict' });
    await patchPayment(t.db, id, { expiresAt: new Date(Date.now() - 31 * 60_000), nextCheckAt: new Date(Date.now() - 1000) });
    await expireStaleOtps(t.db);
    expect((await findPayment(t.db, id))?.status).toBe('processing');

    await reconcileDuePayments(t.db);
    expect(await findPayment(t.db, id)).toMatchObject({ status: 'expired', failureCode: 'no_final_status', attention: 'unknown_outcome' });
    const hooks = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, id));
    expect(hooks.map((h) => h.eventType)).toEqual(expect.arrayContaining(['payment.awaiting_otp', 'payment.expired']));
    expect(hooks.map((h) => h.eventType)).not.toContain('payment.processing');
    // Its money may have moved: no new code for it, a person looks first.
    await expect(resendOtp(t.db, id)).rejects.toMatchObject({ code: 'conflict' });
  });
});
