// The shopper's status poll is a long poll (issue 8 §7): it answers as soon as the payment
// changes (PostgreSQL LISTEN/NOTIFY through a trigger), at the latest after the wait cap, and a
// waiting poll holds no database connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPayment } from '@/lib/payments';
import { shopperPollPath } from '../support/shopper-key';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';

const WAIT_CAP_SECONDS = 3;
const MAX_WAITERS = 30;
let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp({
    // The prompt waits for its answer on the sandbox phone (any non-magic number).
    sandbox: { promptTimeoutMs: 60_000 },
    env: {
      MPESA_CONFIRM_WITH_QUERY: '1',
      CHECKOUT_POLL_SECONDS: '10',
      CHECKOUT_LONG_POLL_SECONDS: String(WAIT_CAP_SECONDS),
      CHECKOUT_LONG_POLL_MAX_WAITERS: String(MAX_WAITERS),
    },
  });
});
afterAll(async () => t?.close());

let phoneCounter = 0;
/** An M-Pesa payment whose prompt waits on the sandbox phone; returns it with its prompt id. */
async function openPrompt() {
  const msisdn = `2547${String(20_000_000 + process.pid * 100 + ++phoneCounter).slice(-8)}`;
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn });
  expect(res.status).toBe(201);
  const prompt = await waitFor(async () => {
    const list = await fetch(`${t.sandbox.url}/_sandbox/prompts?msisdn=${msisdn}&status=pending`).then((r) => r.json());
    return (list.prompts as { id: string }[])[0];
  });
  return { id: res.body.data.id as string, promptId: prompt.id };
}

async function approve(promptId: string) {
  const res = await fetch(`${t.sandbox.url}/_sandbox/prompts/${promptId}/approve`, { method: 'POST', headers: { accept: 'application/json' } });
  expect(res.status).toBe(200);
}

const pollPaths = new Map<string, string>();

async function view(id: string, wait?: string) {
  // API payments have no shopper capability: issue one once per payment, as a shop order has.
  if (!pollPaths.has(id)) pollPaths.set(id, await shopperPollPath(t.db, id));
  const started = Date.now();
  const res = await fetch(`${t.app.url}${pollPaths.get(id)}${wait === undefined ? '' : `&wait=${encodeURIComponent(wait)}`}`);
  return { status: res.status, body: await res.json(), ms: Date.now() - started, at: Date.now() };
}

/** As the payment sheet does: each answer's version is the next poll's `wait`, until final. */
async function pollUntilFinal(id: string, version: string) {
  const started = Date.now();
  for (;;) {
    const answer = await view(id, version);
    if (answer.body.terminal) return { ...answer, ms: answer.at - started };
    version = answer.body.version;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the shopper status poll waits for a change', () => {
  it('a waiting poll returns within 2 s of the credit, with the new status', async () => {
    const { id, promptId } = await openPrompt();
    const shown = await view(id);
    expect(shown.body.status).toBe('processing');
    expect(typeof shown.body.version).toBe('string');
    const poll = pollUntilFinal(id, shown.body.version);
    await sleep(1000);
    await approve(promptId);
    const credited = await waitFor(async () => {
      const p = await findPayment(t.db, id);
      return p?.status === 'success' ? Date.now() : null;
    }, 10_000, 10);
    const answer = await poll;
    expect(answer.body.status).toBe('success');
    expect(answer.ms).toBeGreaterThanOrEqual(900);
    expect(answer.at - credited).toBeLessThan(1000);
  });

  it('returns at the wait cap when nothing changes, with the same version', async () => {
    const { id } = await openPrompt();
    const shown = await view(id);
    const answer = await view(id, shown.body.version);
    expect(answer.status).toBe(200);
    expect(answer.body.version).toBe(shown.body.version);
    expect(answer.ms).toBeGreaterThanOrEqual(WAIT_CAP_SECONDS * 1000 - 200);
    expect(answer.ms).toBeLessThan(WAIT_CAP_SECONDS * 1000 + 1500);
  });

  it('answers at once when the browser shows an older version, or the payment is final', async () => {
    const { id, promptId } = await openPrompt();
    const stale = await view(id, 'an-older-version');
    expect(stale.ms).toBeLessThan(1000);
    expect(stale.body.status).toBe('processing');
    await approve(promptId);
    await waitFor(async () => (await findPayment(t.db, id))?.status === 'success');
    const final = await view(id);
    const again = await view(id, final.body.version);
    expect(again.body.status).toBe('success');
    expect(again.ms).toBeLessThan(1000);
  });

  it('refuses a malformed wait token with a 400 naming the field', async () => {
    const { id } = await openPrompt();
    const res = await view(id, 'x'.repeat(200));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('wait');
  });

  it('holds no database connection while waiting, and answers at once beyond the waiter cap', async () => {
    const { id } = await openPrompt();
    const shown = await view(id);
    // More waiters than the pool has connections (10): if each held one, the next read would queue.
    const waiting = Array.from({ length: MAX_WAITERS }, () => view(id, shown.body.version));
    await sleep(300);
    const plain = await view(id);
    expect(plain.ms).toBeLessThan(1000);
    const beyondCap = await view(id, shown.body.version);
    expect(beyondCap.ms).toBeLessThan(1000);
    expect(beyondCap.body.version).toBe(shown.body.version);
    const answers = await Promise.all(waiting);
    expect(answers.every((a) => a.ms >= WAIT_CAP_SECONDS * 1000 - 200)).toBe(true);
  });
});
