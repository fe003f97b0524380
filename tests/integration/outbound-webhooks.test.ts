// Merchant webhooks from the transactional outbox, delivered to a real local receiver that
// verifies Malipo-Signature on the raw body exactly as a merchant would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookAttempts, webhookOutbox } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';
import { verifyMalipoSignature } from '@/lib/webhooks/signature';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

// Set for the whole run in tests/support/integration-env.ts.
const SECRET = process.env.WEBHOOK_SIGNING_SECRET ?? '';
let t: IntegrationApp;
let receiver: Server;
let receiverUrl: string;

interface Received {
  path: string;
  rawBody: string;
  signature: string | undefined;
  eventId: string | undefined;
  verified: boolean;
  answered: number;
}
const received: Received[] = [];
/** Per path: how many requests to fail (HTTP 500) before answering 200. */
const failFirst = new Map<string, number>();

beforeAll(async () => {
  expect(SECRET.length).toBeGreaterThanOrEqual(32);
  t = await startIntegrationApp();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['malipo-signature'] as string | undefined;
      const verified = verifyMalipoSignature({ rawBody, header: signature, secret: SECRET }).ok;
      const path = req.url ?? '/';
      const left = failFirst.get(path) ?? 0;
      const answered = !verified ? 400 : left > 0 ? 500 : 200;
      if (left > 0) failFirst.set(path, left - 1);
      received.push({ path, rawBody, signature, eventId: req.headers['malipo-event-id'] as string | undefined, verified, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => receiver?.close(r));
  await t?.close();
});

async function pay(msisdn: string, path: string) {
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '100', currency: 'KES', msisdn, callback_url: `${receiverUrl}${path}` });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; status: string };
}

/** Runs delivery passes (fast retries) until the receiver has answered 200 `count` times on `path`. */
async function deliverUntil(path: string, count: number) {
  await waitFor(async () => {
    await deliverDueWebhooks(t.db, { firstRetrySeconds: 0.05 });
    return received.filter((r) => r.path === path && r.answered === 200).length >= count;
  }, 15_000, 60);
}

describe('outbound merchant webhooks', () => {
  it('retries a failing receiver with backoff until it answers 2xx; every attempt is recorded; the signature verifies', async () => {
    failFirst.set('/flaky', 2);
    const started = await pay('254700000000', '/flaky');
    await waitFor(async () => (await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, started.id))).length === 2);
    await deliverUntil('/flaky', 2);

    const mine = received.filter((r) => r.path === '/flaky');
    expect(mine.map((r) => r.answered)).toEqual([500, 500, 200, 200]);
    expect(mine.every((r) => r.verified)).toBe(true);
    expect(mine[0]?.signature).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    // Per payment, in order: processing (three tries), then success.
    const events = mine.filter((r) => r.answered === 200).map((r) => JSON.parse(r.rawBody));
    expect(events.map((e) => e.event)).toEqual(['payment.processing', 'payment.success']);
    expect(events[1].data).toMatchObject({ id: started.id, status: 'success', amount: '100.00', currency: 'KES' });
    expect(events[1].data.transaction_id).toMatch(/^[A-Z][A-Z0-9]{9}$/);

    const rows = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, started.id)).orderBy(webhookOutbox.id);
    expect(rows.map((r) => [r.eventType, r.state, r.attempts])).toEqual([
      ['payment.processing', 'delivered', 3],
      ['payment.success', 'delivered', 1],
    ]);
    const attempts = await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.outboxId, rows[0]!.id)).orderBy(webhookAttempts.id);
    expect(attempts.map((a) => a.httpStatus)).toEqual([500, 500, 200]);
    expect(attempts[0]?.error).toContain('HTTP 500');
    expect(mine[0]?.eventId).toBe(`evt_${rows[0]!.id}`);
  });

  it('announces a payment that fails at initiation', async () => {
    const started = await pay('254700000008', '/failed-at-start');
    expect(started.status).toBe('failed');
    await deliverUntil('/failed-at-start', 1);
    const [event] = received.filter((r) => r.path === '/failed-at-start').map((r) => JSON.parse(r.rawBody));
    expect(event).toMatchObject({ event: 'payment.failed', data: { id: started.id, status: 'failed', failure_code: 'provider_unavailable' } });
  });

  it('never sends one row twice when several workers run at once (FOR UPDATE SKIP LOCKED)', async () => {
    const started = await pay('254700000001', '/concurrent');
    await waitFor(async () => (await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, started.id))).length === 2);
    await Promise.all([deliverDueWebhooks(t.db), deliverDueWebhooks(t.db), deliverDueWebhooks(t.db), deliverDueWebhooks(t.db)]);
    await deliverUntil('/concurrent', 2);
    const mine = received.filter((r) => r.path === '/concurrent');
    expect(mine.map((r) => JSON.parse(r.rawBody).event)).toEqual(['payment.processing', 'payment.failed']);
  });

  it('gives up after the retry window and marks the row failed', async () => {
    failFirst.set('/down', 1000);
    const started = await pay('254700000008', '/down');
    const [row] = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, started.id));
    await t.db.update(webhookOutbox).set({ createdAt: sql`now() - interval '4 days'` }).where(inArray(webhookOutbox.id, [row!.id]));
    await deliverDueWebhooks(t.db);
    const [after] = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.id, row!.id));
    expect(after).toMatchObject({ state: 'failed', attempts: 1 });
    expect(after?.lastError).toContain('HTTP 500');
  });

  it('refuses to send to a loopback target unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set: a failed attempt, nothing sent', async () => {
    const started = await pay('254700000008', '/private');
    const [row] = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, started.id));
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '0';
    resetEnvCache();
    try {
      await deliverDueWebhooks(t.db);
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '1';
      resetEnvCache();
    }
    expect(received.filter((r) => r.path === '/private')).toEqual([]);
    const [after] = await t.db.select().from(webhookOutbox).where(eq(webhookOutbox.id, row!.id));
    expect(after).toMatchObject({ state: 'pending', attempts: 1 });
    expect(after?.lastError).toBe('refused, not sent: host 127.0.0.1 resolves to 127.0.0.1 (loopback); webhooks go to public addresses only');
    const attempts = await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.outboxId, row!.id));
    expect(attempts).toMatchObject([{ httpStatus: null, error: after?.lastError }]);
  });
});
