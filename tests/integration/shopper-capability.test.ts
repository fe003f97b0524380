// Issue 9 §2: a payment id or an order reference is a name, not a key. Without the order's
// capability token nobody can view, poll, cancel, retry or confirm; with it the shopper can.
// Pages and actions are called as Next would call them; the poll goes over real HTTP.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payments } from '@/db/schema';
import { bookTourAction, checkAgainAction, retryAction, startCheckout } from '@/app/(shop)/actions';
import { cancelOtpAction, confirmOtpAction, resendOtpAction } from '@/app/(shop)/otp-actions';
import CheckoutPage from '@/app/(shop)/checkout/[reference]/page';
import OrderPage from '@/app/(shop)/orders/[reference]/page';
import PayPage from '@/app/(shop)/pay/[id]/page';
import ReceiptPage from '@/app/(shop)/receipt/[id]/page';
import { createOrder } from '@/lib/payments';
import { findPayment } from '@/lib/payments/payment-store';
import { formData } from '../support/form-data';
import { latestOtp } from '../support/otp';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

const WRONG_KEY = 'A'.repeat(43);

/** Where a server action or page ended: its redirect target, a 404, or 'returned'. */
async function outcomeOf(run: () => unknown): Promise<string> {
  try {
    await run();
    return 'returned';
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return `redirect ${digest.split(';')[2]}`;
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return '404';
    throw error;
  }
}
const keyOf = (location: string) => new URL(location, 'http://x').searchParams.get('key') ?? '';
const pathOf = (location: string) => new URL(location, 'http://x').pathname;

/** An order as the shop makes it, and a payment started from its checkout form (following the redirects). */
async function startShopPayment(currency: 'KES' | 'USD', provider: string, msisdn: string) {
  const order = await createOrder(t.db, { description: 'capability test', currency, totalMinor: 100_00, source: 'shop' });
  const form = { reference: order.reference, key: order.capability, provider, msisdn, clientToken: randomUUID() };
  const location = (await outcomeOf(() => startCheckout({ fieldErrors: {} }, formData(form)))).replace(/^redirect /, '');
  expect(pathOf(location)).toMatch(/^\/pay\/pay_/);
  expect(keyOf(location)).toBe(order.capability);
  return { order, paymentId: pathOf(location).split('/').pop()!, key: order.capability };
}

const poll = (id: string, key?: string) => fetch(`${t.app.url}/api/checkout/payments/${id}${key === undefined ? '' : `?key=${key}`}`);

describe('booking a tour hands the shopper a capability', () => {
  it('redirects to a checkout URL carrying a 256-bit base64url key, stored only as its SHA-256', async () => {
    const location = (await outcomeOf(() => bookTourAction(formData({ slug: 'amboseli-day-trip' })))).replace(/^redirect /, '');
    expect(keyOf(location)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const reference = pathOf(location).split('/').pop()!;
    const stored = await t.db.query.orders.findFirst({ where: (o, { eq: is }) => is(o.reference, reference) });
    expect(stored?.capabilityHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(keyOf(location));
  });
});

describe('without the capability an order or payment does not exist', () => {
  it('the poll: no key or a wrong key is a 404, the right key a 200', async () => {
    const { paymentId, key } = await startShopPayment('KES', 'mpesa', '0700000003');
    expect((await poll(paymentId)).status).toBe(404);
    expect((await poll(paymentId, WRONG_KEY)).status).toBe(404);
    const right = await poll(paymentId, key);
    expect(right.status).toBe(200);
    expect((await right.json()).id).toBe(paymentId);
  });

  it('the pages: checkout, order, pay and receipt are a 404 without the key, shown with it', async () => {
    const { order, paymentId, key } = await startShopPayment('KES', 'mpesa', '0700000003');
    const byReference = (key?: string) => ({ params: Promise.resolve({ reference: order.reference }), searchParams: Promise.resolve(key ? { key } : {}) });
    const byId = (key?: string) => ({ params: Promise.resolve({ id: paymentId }), searchParams: Promise.resolve(key ? { key } : {}) });
    for (const key of [undefined, WRONG_KEY]) {
      expect(await outcomeOf(() => CheckoutPage(byReference(key)))).toBe('404');
      expect(await outcomeOf(() => OrderPage(byReference(key)))).toBe('404');
      expect(await outcomeOf(() => PayPage(byId(key)))).toBe('404');
      expect(await outcomeOf(() => ReceiptPage(byId(key)))).toBe('404');
    }
    expect(await outcomeOf(() => CheckoutPage(byReference(key)))).toBe('returned');
    expect(await outcomeOf(() => OrderPage(byReference(key)))).toBe('returned');
    expect(await outcomeOf(() => PayPage(byId(key)))).toBe('returned');
    // Not paid yet: the receipt sends the shopper back to the payment, key kept.
    expect(await outcomeOf(() => ReceiptPage(byId(key)))).toBe(`redirect /pay/${paymentId}?key=${key}`);
  });

  it('a checkout form without the key starts no payment', async () => {
    const order = await createOrder(t.db, { description: 'no key', currency: 'KES', totalMinor: 100_00, source: 'shop' });
    for (const key of [undefined, WRONG_KEY]) {
      const form = { reference: order.reference, provider: 'mpesa', msisdn: '0700000003', clientToken: randomUUID(), ...(key ? { key } : {}) };
      const state = await startCheckout({ fieldErrors: {} }, formData(form));
      expect(state.message).toBe('This order no longer exists.');
    }
    expect(await t.db.select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(0);
  });

  it('retry and check-again without the key do nothing; with it they work', async () => {
    const { paymentId, key } = await startShopPayment('KES', 'mpesa', '0700000001');
    await waitFor(async () => (await findPayment(t.db, paymentId))?.status === 'failed');
    for (const form of [{ paymentId }, { paymentId, key: WRONG_KEY }] as Record<string, string>[]) {
      expect(await outcomeOf(() => retryAction(formData(form)))).toBe('redirect /');
      expect(await outcomeOf(() => checkAgainAction(formData(form)))).toBe('redirect /');
    }
    const [payment] = await t.db.select().from(payments).where(eq(payments.id, paymentId));
    expect(await t.db.select().from(payments).where(eq(payments.orderId, payment!.orderId))).toHaveLength(1);
    const retried = await outcomeOf(() => retryAction(formData({ paymentId, key })));
    expect(retried).toMatch(new RegExp(`^redirect /pay/pay_[0-9a-z]{20}\\?key=${key}$`));
    expect(pathOf(retried.slice(9))).not.toBe(`/pay/${paymentId}`);
  });
});

describe('the OTP step needs the capability', () => {
  it('cancel, confirm and resend without the key leave the payment as it was; with it the shopper confirms', async () => {
    const msisdn = '263771009001';
    const { paymentId, key } = await startShopPayment('USD', 'omari', `0${msisdn.slice(3)}`);
    await waitFor(async () => (await findPayment(t.db, paymentId))?.status === 'awaiting_otp');
    const otp = await latestOtp(t.sandbox.url, msisdn);
    for (const form of [{ paymentId }, { paymentId, key: WRONG_KEY }] as Record<string, string>[]) {
      expect(await outcomeOf(() => cancelOtpAction(formData(form)))).toBe('redirect /');
      expect(await confirmOtpAction({}, formData({ ...form, otp }))).toEqual({ error: expect.stringContaining('unknown') });
      expect(await resendOtpAction({}, formData(form))).toEqual({ error: expect.stringContaining('unknown') });
    }
    const untouched = await findPayment(t.db, paymentId);
    expect(untouched).toMatchObject({ status: 'awaiting_otp', otpAttempts: 0 });
    const [payment] = await t.db.select().from(payments).where(eq(payments.id, paymentId));
    expect(await t.db.select().from(payments).where(eq(payments.orderId, payment!.orderId))).toHaveLength(1);
    expect(await outcomeOf(() => confirmOtpAction({}, formData({ paymentId, key, otp })))).toBe(`redirect /receipt/${paymentId}?key=${key}`);
    expect((await findPayment(t.db, paymentId))?.status).toBe('success');
  });

  it('cancel with the key cancels and goes back to the checkout, key kept', async () => {
    const msisdn = '263771009002';
    const { order, paymentId, key } = await startShopPayment('USD', 'omari', `0${msisdn.slice(3)}`);
    await waitFor(async () => (await findPayment(t.db, paymentId))?.status === 'awaiting_otp');
    expect(await outcomeOf(() => cancelOtpAction(formData({ paymentId, key })))).toBe(`redirect /checkout/${order.reference}?key=${key}`);
    expect((await findPayment(t.db, paymentId))?.status).toBe('cancelled');
  });
});
