import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, tours } from '@/db/schema';
import { findOrder, findPayment } from '@/lib/payments';
import { createOrder, groupReferenceFor, type Order } from '@/lib/payments/orders';
import { latestOtp } from '../support/otp';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;
let tour: typeof tours.$inferSelect;

beforeAll(async () => {
  t = await startIntegrationApp();
  const [found] = await t.db.select().from(tours).where(eq(tours.slug, 'victoria-falls'));
  if (!found) throw new Error('seeded tour missing');
  tour = found;
});
afterAll(async () => t?.close());

let next = 0;
const freshPhone = () => `26377300${String(1000 + next++).padStart(4, '0')}`;

async function booking(): Promise<Order> {
  return createOrder(t.db, { description: tour.name, currency: 'USD', totalMinor: tour.priceMinor, depositPercent: tour.depositPercent, tourId: tour.id, startDate: tour.startDate });
}

async function startOmari(order: Order, amount: string) {
  const msisdn = freshPhone();
  const res = await t.api('POST', '/api/v1/payments', { provider: 'omari', amount, currency: 'USD', msisdn, order_id: order.reference });
  return { res, msisdn };
}

async function reload(order: Order): Promise<Order> {
  const [row] = await t.db.select().from(orders).where(eq(orders.id, order.id));
  if (!row) throw new Error('order vanished');
  return row;
}

describe('bookings paid in parts (Victoria Falls: USD 350, 20% deposit, starts 2027-02-10)', () => {
  it('two deposits confirmed at the same moment: both credited, none lost, deposit_paid; then the balance: paid', async () => {
    const order = await booking();
    expect(tour).toMatchObject({ priceMinor: 35_000, depositPercent: 20, startDate: '2027-02-10' });
    const a = await startOmari(order, '70.00');
    const b = await startOmari(order, '70.00');
    expect([a.res.status, b.res.status]).toEqual([201, 201]);
    const [otpA, otpB] = await Promise.all([latestOtp(t.sandbox.url, a.msisdn), latestOtp(t.sandbox.url, b.msisdn)]);
    const [doneA, doneB] = await Promise.all([
      t.api('POST', `/api/v1/payments/${a.res.body.data.id}/otp`, { otp: otpA }),
      t.api('POST', `/api/v1/payments/${b.res.body.data.id}/otp`, { otp: otpB }),
    ]);
    expect([doneA.status, doneB.status]).toEqual([200, 200]);
    const afterDeposits = await reload(order);
    const group = groupReferenceFor(tour.id, '2027-02-10');
    expect(group).toBe(`BK-T${String(tour.id).padStart(3, '0')}-20270210`);
    expect(afterDeposits).toMatchObject({ amountPaidMinor: 14_000, paymentStatus: 'deposit_paid', groupReference: group, paidAt: null });

    // More than the balance (USD 210) is refused before Omari hears of it.
    const ledgerBefore = t.sandbox.ledger('omari').length;
    const tooMuch = await startOmari(order, '210.01');
    expect(tooMuch.res.status).toBe(400);
    expect(tooMuch.res.body.error.field).toBe('amount');
    expect(tooMuch.res.body.message).toContain('USD 210.00');
    expect(t.sandbox.ledger('omari').length).toBe(ledgerBefore);

    const rest = await startOmari(order, '210.00');
    const done = await t.api('POST', `/api/v1/payments/${rest.res.body.data.id}/otp`, { otp: await latestOtp(t.sandbox.url, rest.msisdn) });
    expect(done.status).toBe(200);
    const paid = await reload(order);
    expect(paid).toMatchObject({ amountPaidMinor: 35_000, paymentStatus: 'paid', groupReference: group, paidTransactionId: done.body.data.transaction_id });
    expect(paid.paidAt).toBeInstanceOf(Date);
    // The original reference stays the order's own and finds it; the group is shared.
    expect((await findOrder(t.db, order.reference))?.id).toBe(order.id);
    const other = await booking();
    const otherPay = await startOmari(other, '70.00');
    await t.api('POST', `/api/v1/payments/${otherPay.res.body.data.id}/otp`, { otp: await latestOtp(t.sandbox.url, otherPay.msisdn) });
    expect((await reload(other)).groupReference).toBe(group);

    const after = await startOmari(order, '1.00');
    expect(after.res.status).toBe(409);
  });

  it('a first payment below the deposit is refused (400 naming the amount)', async () => {
    const order = await booking();
    const res = await startOmari(order, '69.99');
    expect(res.res.status).toBe(400);
    expect(res.res.body.message).toContain('USD 70.00');
  });

  it('a second attempt while the first still waits on the phone is refused before any provider call (no double charge)', async () => {
    const order = await booking();
    const first = await startOmari(order, '350.00');
    expect(first.res.status).toBe(201);
    const authsBefore = t.sandbox.ledger('omari').filter((e) => String(e.path).endsWith('/auth')).length;
    const second = await startOmari(order, '350.00');
    expect(second.res.status).toBe(409);
    expect(second.res.body.error.field).toBe('order_id');
    expect(second.res.body.message).toContain(first.res.body.data.id);
    expect(t.sandbox.ledger('omari').filter((e) => String(e.path).endsWith('/auth')).length).toBe(authsBefore);
  });

  it('an attempt whose order was paid meanwhile (another way) is cancelled at the code step, before any provider call', async () => {
    const order = await booking();
    const attempt = await startOmari(order, '350.00');
    const otp = await latestOtp(t.sandbox.url, attempt.msisdn);
    // Settled by other means while the shopper was typing (e.g. a cash payment recorded by staff).
    await t.db.update(orders).set({ amountPaidMinor: 35_000, paymentStatus: 'paid' }).where(eq(orders.id, order.id));
    const requestsBefore = t.sandbox.ledger('omari').filter((e) => String(e.path).endsWith('/request')).length;
    const late = await t.api('POST', `/api/v1/payments/${attempt.res.body.data.id}/otp`, { otp });
    expect(late.status).toBe(409);
    expect(await findPayment(t.db, attempt.res.body.data.id)).toMatchObject({ status: 'cancelled', failureCode: 'order_settled' });
    expect(t.sandbox.ledger('omari').filter((e) => String(e.path).endsWith('/request')).length).toBe(requestsBefore);
    expect((await reload(order)).amountPaidMinor).toBe(35_000);
  });
});
