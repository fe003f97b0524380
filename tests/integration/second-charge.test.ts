// Never a second charge while the first may still be paid (issue 8 §3): our own prompt expiry is
// not the provider's word. A new attempt for the order first asks the provider about the earlier
// one, and is refused (409 naming it) while that one may still take money.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payments } from '@/db/schema';
import { findPayment } from '@/lib/payments';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';
import { insertPayment } from '../support/payment-fixtures';

let t: IntegrationApp;
beforeAll(async () => {
  // Manual numbers: the prompt waits on the sandbox phone for 4 s, then ends as 1037.
  t = await startIntegrationApp({ sandbox: { promptTimeoutMs: 4000 }, env: { MPESA_CONFIRM_WITH_QUERY: '1' } });
});
afterAll(async () => t?.close());

async function firstAttempt(msisdn: string) {
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn });
  expect(res.status).toBe(201);
  // Our own 60 s prompt window has passed, but the prompt is still on the phone.
  await t.db.update(payments).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(payments.id, res.body.data.id));
  return res.body.data as { id: string; order_id: string };
}

describe('a second attempt for an order whose first may still be paid', () => {
  it('is refused with 409 naming the open attempt, then accepted once the provider says it ended', async () => {
    const first = await firstAttempt('254711000001');
    const second = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '254711000001', order_id: first.order_id });
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).toContain(first.id);
    // The prompt times out on the phone (1037): now the provider has spoken.
    await waitFor(async () => {
      const p = await findPayment(t.db, first.id);
      return p && p.status !== 'processing' ? p : null;
    }, 15_000);
    const third = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '254711000001', order_id: first.order_id });
    expect(third.status).toBe(201);
  });

  it('holds an order whose earlier attempt we expired ourselves without the provider\'s word', async () => {
    const earlier = await insertPayment(t.db, { status: 'expired', providerReference: null, attention: 'initiate_unknown', amountMinor: 15_000 });
    await t.db.update(payments).set({ failureCode: 'no_final_status' }).where(eq(payments.id, earlier.id));
    const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '254711000002', order_id: earlier.orderId });
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain(earlier.id);
  });
});
