// A crash at any point loses nothing (issue 8 §2). The process "dies" right after the provider
// accepted the start and before we stored its answer: initiatePayment's onCreated hook (which
// runs once the attempt is written, before the provider is asked) sends the very request the
// adapter would, then throws, so nothing of the answer reaches the database. The provider then
// does what it does: the sandbox posts its callback, or keeps the record for a status query.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, payments } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { createOrder, findPayment, initiatePayment, reconcileDuePayments } from '@/lib/payments';
import type { Payment } from '@/lib/payments/payment-store';
import { initiateUssdPush } from '@/lib/providers/clickpesa/client';
import { resolveClickPesaConfig } from '@/lib/providers/clickpesa/config';
import { orderReferenceFor } from '@/lib/providers/clickpesa/references';
import { stkPush } from '@/lib/providers/mpesa/client';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';
import { insertPayment } from '../support/payment-fixtures';

const CHECKSUM_KEY = 'clickpesa-test-checksum-key-0123';
let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp({
    sandbox: { clickpesaChecksumKey: CHECKSUM_KEY },
    env: { CLICKPESA_CHECKSUM_KEY: CHECKSUM_KEY, MPESA_CONFIRM_WITH_QUERY: '1', RECONCILE_GRACE_SECONDS: '1' },
  });
  const set = await fetch(`${t.sandbox.url}/clickpesa/_control/webhook-url`, { method: 'POST', body: JSON.stringify({ url: `${t.app.url}/api/webhooks/clickpesa` }) });
  expect(set.status).toBe(200);
});
afterAll(async () => t?.close());

class Crash extends Error {}

/** Starts a payment whose process dies once `send` has reached the provider. */
async function startAndCrash(provider: 'mpesa' | 'clickpesa', currency: 'KES' | 'TZS', amountMinor: number, msisdn: string, send: (p: Payment) => Promise<unknown>) {
  const order = await createOrder(t.db, { description: 'crash test', currency, totalMinor: amountMinor, source: 'api' });
  let started: Payment | null = null;
  await expect(
    initiatePayment(t.db, {
      orderId: order.id,
      provider,
      amountMinor,
      msisdn,
      onCreated: async (p) => {
        started = p;
        await send(p);
        throw new Crash('killed');
      },
    }),
  ).rejects.toBeInstanceOf(Crash);
  if (!started) throw new Error('no attempt written');
  return { payment: started as Payment, orderId: order.id };
}

const paid = async (orderId: string) => (await t.db.select().from(orders).where(eq(orders.id, orderId)))[0]?.amountPaidMinor;
const ageBy = (id: string, minutes: number) => t.db.update(payments).set({ createdAt: sql`now() - ${minutes} * interval '1 minute'` }).where(eq(payments.id, id));

describe('killed during the provider call', () => {
  it('M-Pesa: the success callback for a CheckoutRequestID never stored is matched and credited', async () => {
    const config = resolveMpesaConfig(getEnv(), {})!;
    const { payment, orderId } = await startAndCrash('mpesa', 'KES', 15_000, '254700000000', (p) =>
      stkPush(config, { amount: 150, msisdn: p.msisdn!, accountReference: 'CRASH', description: 'crash' }, null),
    );
    const done = await waitFor(async () => ((await findPayment(t.db, payment.id))?.status === 'success' ? findPayment(t.db, payment.id) : null));
    expect(done?.providerReference).toMatch(/^ws_CO_/);
    expect(await paid(orderId)).toBe(15_000);
  });

  it('M-Pesa: with no callback, recovery keeps the attempt open and flagged, never expired as "not sent"', async () => {
    const config = resolveMpesaConfig(getEnv(), {})!;
    await new Promise((r) => setTimeout(r, 300));
    // 254700000005: the callback is lost.
    const { payment } = await startAndCrash('mpesa', 'KES', 15_000, '254700000005', (p) =>
      stkPush(config, { amount: 150, msisdn: p.msisdn!, accountReference: 'CRASH', description: 'crash' }, null),
    );
    await ageBy(payment.id, 15);
    await reconcileDuePayments(t.db);
    const after = await findPayment(t.db, payment.id);
    expect(after?.status).toBe('processing');
    expect(after?.attention).toBe('initiate_unknown');
  });

  it('ClickPesa: the checksum-verified webhook for a still-pending attempt is applied', async () => {
    const config = resolveClickPesaConfig(getEnv(), {})!;
    const { payment, orderId } = await startAndCrash('clickpesa', 'TZS', 2_500_000, '255700000000', (p) =>
      initiateUssdPush(config, { amount: '25000', orderReference: orderReferenceFor(p.id), phoneNumber: p.msisdn! }, null),
    );
    const done = await waitFor(async () => ((await findPayment(t.db, payment.id))?.status === 'success' ? findPayment(t.db, payment.id) : null));
    expect(done?.status).toBe('success');
    expect(await paid(orderId)).toBe(2_500_000);
  });

  it('ClickPesa: recovery queries a crashed start by the orderReference we chose', async () => {
    const config = resolveClickPesaConfig(getEnv(), {})!;
    // 255700000004: no webhook is ever sent; only the status query can tell.
    const { payment, orderId } = await startAndCrash('clickpesa', 'TZS', 2_500_000, '255700000004', (p) =>
      initiateUssdPush(config, { amount: '25000', orderReference: orderReferenceFor(p.id), phoneNumber: p.msisdn! }, null),
    );
    await new Promise((r) => setTimeout(r, 1500));
    await ageBy(payment.id, 15);
    await reconcileDuePayments(t.db);
    await t.db.update(payments).set({ nextCheckAt: new Date(Date.now() - 1000) }).where(eq(payments.id, payment.id));
    await reconcileDuePayments(t.db);
    const after = await findPayment(t.db, payment.id);
    expect(after?.status).toBe('success');
    expect(await paid(orderId)).toBe(2_500_000);
  });

  it('Qmoney: a code check cut off mid-call (no status query exists) is flagged for a person', async () => {
    // What the claim leaves behind: awaiting_otp → processing, then the process died in verifyCode.
    const payment = await insertPayment(t.db, { provider: 'qmoney', currency: 'GMD', status: 'processing', msisdn: '2207000000', providerReference: 'QM-crash-1' });
    await t.db.update(payments).set({ updatedAt: sql`now() - interval '5 minutes'`, nextCheckAt: new Date(Date.now() - 1000) }).where(eq(payments.id, payment.id));
    await reconcileDuePayments(t.db);
    const after = await findPayment(t.db, payment.id);
    expect(after?.status).toBe('processing');
    expect(after?.attention).toBe('unknown_outcome');
  });
});
