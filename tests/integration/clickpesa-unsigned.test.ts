// ClickPesa without a checksum key: webhooks carry no signature, so their status is never
// trusted; each one only prompts a status query, and ClickPesa's answer is what gets applied.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentEvents } from '@/db/schema';
import { findPayment } from '@/lib/payments';
import { orderReferenceFor } from '@/lib/providers/clickpesa/references';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp();
  await fetch(`${t.sandbox.url}/clickpesa/_control/webhook-url`, { method: 'POST', body: JSON.stringify({ url: `${t.app.url}/api/webhooks/clickpesa` }) });
});
afterAll(async () => t?.close());

async function pay(msisdn: string) {
  const res = await t.api('POST', '/api/v1/payments', { provider: 'clickpesa', amount: '1500', currency: 'TZS', msisdn });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; status: string; order_id: string };
}

describe('ClickPesa with checksums off', () => {
  it('applies a success only after the status query confirms it', async () => {
    const started = await pay('255700000000');
    const done = await waitFor(async () => {
      const p = await findPayment(t.db, started.id);
      return p?.status === 'success' ? p : null;
    });
    expect(done.receipt).toBeTruthy();
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, started.id)).orderBy(paymentEvents.id);
    const webhookAt = events.findIndex((e) => e.summary.includes('unsigned: confirming by status query'));
    const queryAt = events.findIndex((e, i) => i > webhookAt && e.kind === 'request' && e.summary.startsWith('ClickPesa status'));
    const successAt = events.findIndex((e) => e.kind === 'status_change' && e.summary.startsWith('processing → success'));
    expect(webhookAt).toBeGreaterThan(-1);
    expect(queryAt).toBeGreaterThan(webhookAt);
    expect(successAt).toBeGreaterThan(queryAt);
    expect(events.find((e) => e.kind === 'status_change' && e.summary.startsWith('processing → success'))?.summary).toContain('from query');
  });

  it('ignores the claims of an unsigned webhook the status query does not back', async () => {
    const started = await pay('0754 000 111'); // waits on the sandbox phone: PROCESSING upstream
    const ref = orderReferenceFor(started.id);
    const res = await fetch(`${t.app.url}/api/webhooks/clickpesa`, {
      method: 'POST',
      body: JSON.stringify({ event: 'PAYMENT RECEIVED', data: { id: `${ref}LCP0001`, status: 'SUCCESS', orderReference: ref, collectedAmount: '1500', collectedCurrency: 'TZS', paymentReference: 'fake' } }),
    });
    expect(res.status).toBe(200);
    const after = await findPayment(t.db, started.id);
    expect(after).toMatchObject({ status: 'processing', receipt: null, providerStatus: 'PROCESSING' });
    const [order] = await t.db.select().from(orders).where(eq(orders.id, started.order_id));
    expect(order?.amountPaidMinor).toBe(0);
  });

  it('applies a failure reported by the status query after a PAYMENT FAILED webhook', async () => {
    const started = await pay('255700000002');
    const done = await waitFor(async () => {
      const p = await findPayment(t.db, started.id);
      return p?.status === 'failed' ? p : null;
    });
    expect(done.failureCode).toBe('insufficient_balance');
  });
});
