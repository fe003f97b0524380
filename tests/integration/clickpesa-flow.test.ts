// ClickPesa USSD push end to end: route handlers over real HTTP, the ClickPesa simulator with
// checksums on (requests signed, webhooks signed and verified), the real database.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, paymentEvents, payments } from '@/db/schema';
import { findPayment } from '@/lib/payments';
import { orderReferenceFor } from '@/lib/providers/clickpesa/references';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';
import { shopperPollPath } from '../support/shopper-key';

const CHECKSUM_KEY = 'clickpesa-test-checksum-key-0123';
let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp({ sandbox: { clickpesaChecksumKey: CHECKSUM_KEY }, env: { CLICKPESA_CHECKSUM_KEY: CHECKSUM_KEY, CRON_SECRET: 'cron-secret-0123456789', RECONCILE_GRACE_SECONDS: '1' } });
  const set = await fetch(`${t.sandbox.url}/clickpesa/_control/webhook-url`, { method: 'POST', body: JSON.stringify({ url: `${t.app.url}/api/webhooks/clickpesa` }) });
  expect(set.status).toBe(200);
});
afterAll(async () => t?.close());

async function pay(msisdn: string, amount = '25000') {
  const res = await t.api('POST', '/api/v1/payments', { provider: 'clickpesa', amount, currency: 'TZS', msisdn });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; status: string; order_id: string; msisdn: string };
}

async function finalStatus(id: string, timeoutMs = 10_000) {
  return waitFor(async () => {
    const p = await findPayment(t.db, id);
    return p && !['pending', 'processing'].includes(p.status) ? p : null;
  }, timeoutMs);
}

async function paidMinor(orderId: string) {
  const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId));
  return order?.amountPaidMinor;
}

const eventsOf = (id: string) => t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, id)).orderBy(paymentEvents.id);

function hmac(message: string) {
  return createHmac('sha256', CHECKSUM_KEY).update(message).digest('hex');
}

async function postWebhook(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.app.url}/api/webhooks/clickpesa`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('ClickPesa USSD push with checksums on', () => {
  it('pays via the signed webhook: processing, then success with the receipt, order credited once', async () => {
    const started = await pay('0700 000 000');
    expect(started).toMatchObject({ status: 'processing', msisdn: '255700000000' });
    const done = await finalStatus(started.id);
    expect(done.status).toBe('success');
    expect(done.receipt).toMatch(/^[a-z0-9]{18}$/);
    expect(done.providerTransactionId).toMatch(new RegExp(`^${orderReferenceFor(started.id)}LCP[0-9A-F]{4}$`));
    expect(await paidMinor(started.order_id)).toBe(2_500_000);
    const status = await t.api('GET', `/api/v1/payments/${started.id}/status`);
    expect(status.body.data).toMatchObject({ status: 'success', provider_status: 'SUCCESS', amount: '25000.00', currency: 'TZS' });

    // Preview before initiate, both signed; the webhook was verified, not confirmed by a query.
    const requests = t.sandbox.ledger('clickpesa').filter((e) => e.kind === 'request' && JSON.stringify(e).includes(orderReferenceFor(started.id)));
    expect(requests.map((e) => e.path)).toEqual(['/third-parties/payments/preview-ussd-push-request', '/third-parties/payments/initiate-ussd-push-request']);
    expect(requests.every((e) => e.status === 200)).toBe(true);
    const summaries = (await eventsOf(started.id)).map((e) => e.summary);
    expect(summaries.some((s) => s.includes('PAYMENT RECEIVED') && s.includes('checksum verified'))).toBe(true);
    expect(JSON.stringify(await eventsOf(started.id))).not.toContain('sandbox-api-key');
  });

  it.each([
    ['255700000001', 'rejected_by_customer', 'declined on your phone'],
    ['255700000002', 'insufficient_balance', 'balance is not enough'],
  ])('maps a PAYMENT FAILED webhook (eventType) from %s to failed/%s without crediting', async (msisdn, code, words) => {
    const started = await pay(msisdn);
    const done = await finalStatus(started.id);
    expect(done).toMatchObject({ status: 'failed', failureCode: code, providerStatus: 'FAILED' });
    expect(await paidMinor(started.order_id)).toBe(0);
    const view = await fetch(`${t.app.url}${await shopperPollPath(t.db, started.id)}`).then((r) => r.json());
    expect(view.message).toContain(words);
    expect(view.retryable).toBe(true);
  });

  it('fails at once, without a prompt, when ClickPesa answers 5xx and has no record of the push', async () => {
    const started = await pay('255700000006');
    expect(started.status).toBe('failed');
    expect((await findPayment(t.db, started.id))?.failureCode).toBe('provider_unavailable');
  });

  it('credits once when the same PAYMENT RECEIVED webhook arrives four times', async () => {
    const started = await pay('255700000005');
    expect((await finalStatus(started.id)).status).toBe('success');
    await waitFor(async () => t.sandbox.ledger('clickpesa').filter((e) => e.kind === 'webhook' && e.orderReference === orderReferenceFor(started.id) && e.delivered).length === 4);
    expect(await paidMinor(started.order_id)).toBe(2_500_000);
    const summaries = (await eventsOf(started.id)).map((e) => e.summary);
    expect(summaries.filter((s) => s.startsWith('credited'))).toHaveLength(1);
    expect(summaries.filter((s) => s.startsWith('duplicate success'))).toHaveLength(3);
  });

  it('completes by polling alone when the webhook is lost (reconciler via the cron route)', async () => {
    const started = await pay('255700000004');
    await new Promise((r) => setTimeout(r, 1200));
    expect((await findPayment(t.db, started.id))?.status).toBe('processing');
    const cron = await fetch(`${t.app.url}/api/cron/reconcile`, { method: 'POST', headers: { authorization: 'Bearer cron-secret-0123456789' } });
    expect(cron.status).toBe(200);
    const done = await finalStatus(started.id);
    expect(done).toMatchObject({ status: 'success', providerStatus: 'SUCCESS' });
    expect(await paidMinor(started.order_id)).toBe(2_500_000);
    expect(t.sandbox.ledger('clickpesa').some((e) => e.kind === 'webhook' && e.orderReference === orderReferenceFor(started.id) && e.skipped)).toBe(true);
  });

  it('refuses a forged webhook (bad or missing checksum) with no state change, and records it', async () => {
    // A number outside the magic table waits on the sandbox phone: the payment stays processing.
    const started = await pay('0754 123 456');
    const ref = orderReferenceFor(started.id);
    const forged = { event: 'PAYMENT RECEIVED', data: { id: `${ref}LCP0000`, status: 'SUCCESS', orderReference: ref, collectedAmount: '25000', collectedCurrency: 'TZS', paymentReference: 'forged0000000000000' } };
    expect((await postWebhook({ ...forged, checksum: 'a'.repeat(64), checksumMethod: 'canonical' })).status).toBe(401);
    expect((await postWebhook(forged)).status).toBe(401);
    const after = await findPayment(t.db, started.id);
    expect(after).toMatchObject({ status: 'processing', receipt: null });
    expect(await paidMinor(started.order_id)).toBe(0);
    const refused = (await eventsOf(started.id)).filter((e) => e.summary.includes('REFUSED'));
    expect(refused.map((e) => e.summary)).toEqual([expect.stringContaining('checksum does not match'), expect.stringContaining('checksum missing')]);
  });

  it('pays via a webhook signed in the X-ClickPesa-Signature header (sandbox option clickpesaSignatureIn)', async () => {
    t.sandbox.options.clickpesaSignatureIn = 'header';
    try {
      const started = await pay('0700 000 000');
      expect((await finalStatus(started.id)).status).toBe('success');
      const delivered = t.sandbox.ledger('clickpesa').find((e) => e.kind === 'webhook' && e.orderReference === orderReferenceFor(started.id));
      expect(delivered).toMatchObject({ status: 200, signatureIn: 'header' });
      const summaries = (await eventsOf(started.id)).map((e) => e.summary);
      expect(summaries).toContainEqual(expect.stringMatching(/PAYMENT RECEIVED .*checksum verified$/));
      expect(await paidMinor(started.order_id)).toBe(2_500_000);
    } finally {
      t.sandbox.options.clickpesaSignatureIn = 'body';
    }
  });

  it('refuses a webhook whose header or body checksum is wrong, even when the other one is right', async () => {
    const started = await pay('0754 123 461');
    const ref = orderReferenceFor(started.id);
    const { withChecksum, computeChecksum } = await import('@/lib/providers/clickpesa/checksum');
    const body = { event: 'PAYMENT RECEIVED', data: { id: `${ref}LCP4444`, status: 'SUCCESS', orderReference: ref, collectedAmount: '25000', collectedCurrency: 'TZS', paymentReference: 'header00000000000001' } };
    const good = computeChecksum(body, CHECKSUM_KEY);
    const bad = 'b'.repeat(64);
    expect((await postWebhook(body, { 'x-clickpesa-signature': bad })).status).toBe(401);
    expect((await postWebhook(withChecksum(body, CHECKSUM_KEY), { 'x-clickpesa-signature': bad })).status).toBe(401);
    expect((await postWebhook({ ...body, checksum: bad }, { 'x-clickpesa-signature': good })).status).toBe(401);
    expect(await findPayment(t.db, started.id)).toMatchObject({ status: 'processing', receipt: null });
    // The header alone, right: verified and applied.
    expect((await postWebhook(body, { 'X-ClickPesa-Signature': good })).status).toBe(200);
    expect(await findPayment(t.db, started.id)).toMatchObject({ status: 'success', receipt: 'header00000000000001' });
    expect(await paidMinor(started.order_id)).toBe(2_500_000);
  });

  it('refuses a top-level legacy checksum over a nested body (it would sign "[object Object]" only)', async () => {
    const started = await pay('0754 123 459');
    const ref = orderReferenceFor(started.id);
    const body: Record<string, unknown> = { eventType: 'PAYMENT RECEIVED', data: { paymentId: `${ref}LCP1A2B`, status: 'SUCCESS', orderReference: ref, amount: '25000', currency: 'TZS' } };
    body.checksum = hmac(String(body.data) + String(body.eventType)); // keys sorted: data, eventType
    expect((await postWebhook(body)).status).toBe(401);
    expect(await findPayment(t.db, started.id)).toMatchObject({ status: 'processing', receipt: null });
    expect(await paidMinor(started.order_id)).toBe(0);
  });

  it('accepts a legacy checksum inside the flat data object, with the older field names', async () => {
    const started = await pay('0754 123 457');
    const ref = orderReferenceFor(started.id);
    // 2025-03 generation: paymentId/amount/currency; legacy checksum = HMAC of data's values in key order.
    const data: Record<string, unknown> = { paymentId: `${ref}LCP1A2B`, status: 'SUCCESS', orderReference: ref, amount: '25000', currency: 'TZS', paymentReference: 'legacy0000000000001' };
    data.checksum = hmac(['25000', 'TZS', ref, `${ref}LCP1A2B`, 'legacy0000000000001', 'SUCCESS'].join('')); // amount, currency, orderReference, paymentId, paymentReference, status
    const res = await postWebhook({ eventType: 'PAYMENT RECEIVED', data });
    expect(res.status).toBe(200);
    const done = await findPayment(t.db, started.id);
    expect(done).toMatchObject({ status: 'success', receipt: 'legacy0000000000001', providerTransactionId: `${ref}LCP1A2B` });
    expect(await paidMinor(started.order_id)).toBe(2_500_000);
  });

  it('never takes the status from the unsigned event name when the checksum sits inside data', async () => {
    const started = await pay('0754 123 460');
    const ref = orderReferenceFor(started.id);
    const { withChecksum } = await import('@/lib/providers/clickpesa/checksum');
    // data (signed) has no status; the top-level event (unsigned) claims the money arrived.
    const data = withChecksum({ id: `${ref}LCP7777`, orderReference: ref, collectedAmount: '25000', collectedCurrency: 'TZS' }, CHECKSUM_KEY);
    expect((await postWebhook({ event: 'PAYMENT RECEIVED', data })).status).toBe(200);
    // The status query decides instead: the prompt is still on the phone, so nothing changes.
    expect(await findPayment(t.db, started.id)).toMatchObject({ status: 'processing', receipt: null });
    expect(await paidMinor(started.order_id)).toBe(0);
    const summaries = (await eventsOf(started.id)).map((e) => e.summary);
    expect(summaries).toContainEqual(expect.stringContaining('checksum verified but status unsigned: confirming by status query'));
  });

  it('flags a signed success whose amount differs and never credits it', async () => {
    const started = await pay('0754 123 458');
    const ref = orderReferenceFor(started.id);
    const body: Record<string, unknown> = { event: 'PAYMENT RECEIVED', data: { id: `${ref}LCP9999`, status: 'SUCCESS', orderReference: ref, collectedAmount: '100', collectedCurrency: 'TZS' } };
    const { canonicalMessage } = await import('@/lib/providers/clickpesa/checksum');
    body.checksum = hmac(canonicalMessage(body));
    expect((await postWebhook(body)).status).toBe(200);
    const flagged = await findPayment(t.db, started.id);
    expect(flagged).toMatchObject({ status: 'processing', attention: 'amount_mismatch' });
    expect(await paidMinor(started.order_id)).toBe(0);
  });

  it('acknowledges and records a signed webhook for an unknown order reference', async () => {
    const body: Record<string, unknown> = { event: 'PAYMENT RECEIVED', data: { id: 'X1', status: 'SUCCESS', orderReference: 'NOTOURS123', collectedAmount: '5', collectedCurrency: 'TZS' } };
    const { withChecksum } = await import('@/lib/providers/clickpesa/checksum');
    const res = await postWebhook(withChecksum(body, CHECKSUM_KEY));
    expect(res.status).toBe(200);
    const [event] = await t.db.select().from(paymentEvents).where(eq(paymentEvents.summary, 'PAYMENT RECEIVED for NOTOURS123 (SUCCESS), checksum verified, unknown order reference'));
    expect(event?.paymentId).toBeNull();
  });

  it('reuses one token for many calls', async () => {
    const before = t.sandbox.ledger('clickpesa').filter((e) => e.path === '/third-parties/generate-token').length;
    await pay('255700000000');
    await pay('255700000000');
    expect(t.sandbox.ledger('clickpesa').filter((e) => e.path === '/third-parties/generate-token').length).toBe(before);
  });

  it('refuses a number on a network ClickPesa does not serve before any row or call', async () => {
    const res = await t.api('POST', '/api/v1/payments', { provider: 'clickpesa', amount: '1000', currency: 'TZS', msisdn: '0732 123 456' });
    expect([400, 201]).toContain(res.status);
    if (res.status === 201) expect(res.body.data.status).toBe('failed');
    else expect(res.body.error.field).toBe('msisdn');
    const rows = await t.db.select().from(payments).where(eq(payments.msisdn, '255732123456'));
    expect(rows.every((p) => p.status === 'failed')).toBe(true);
  });
});
