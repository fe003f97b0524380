// Prompt flooding (issue 9 §2): pushes per phone across API and shop, and shop actions per IP,
// counted in PostgreSQL (rate_limit_hits) with one upsert, so bursts and instances share them.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookTourAction, startCheckout } from '@/app/(shop)/actions';
import { bookTour } from '@/lib/shop/catalog';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';
import { formData } from '../support/form-data';
import { asRequestFrom } from '../support/request-scope';

let t: IntegrationApp;

beforeAll(async () => {
  t = await startIntegrationApp({ env: { PROMPTS_PER_PHONE: '3', SHOP_PROMPTS_PER_IP: '4', SHOP_ORDERS_PER_IP: '3' } });
});
afterAll(async () => t?.close());

/** A Kenyan number no other test (or earlier run) prompted. */
const freshPhone = () => `2547${String(randomInt(10_000_000, 99_999_999))}`;

function pushesTo(msisdn: string): number {
  return t.sandbox.ledger('mpesa').filter((e) => e.kind === 'request' && String(e.path).includes('stkpush') && (e.body as { PhoneNumber?: string })?.PhoneNumber === msisdn).length;
}

async function checkout(ip: string, msisdn: string) {
  const order = await bookTour(t.db, 'nairobi-national-park', null);
  const form = formData({ reference: order.reference, key: order.capability, provider: 'mpesa', msisdn, clientToken: randomUUID() });
  return asRequestFrom(ip, () => startCheckout({ fieldErrors: {} }, form)).then(
    (state) => ({ state }),
    (error: { digest?: string }) => ({ redirected: String(error.digest ?? '').startsWith('NEXT_REDIRECT'), error }),
  );
}

describe('prompts per phone', () => {
  it('a burst of 20 API payments to one phone sends 3 prompts; the rest are 429 with Retry-After', async () => {
    const msisdn = freshPhone();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${t.app.url}/api/v1/payments`, {
          method: 'POST',
          headers: { authorization: 'Bearer test-bootstrap-key-0123456789', 'content-type': 'application/json' },
          body: JSON.stringify({ provider: 'mpesa', amount: '10', currency: 'KES', msisdn }),
        }),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
    const refused = burst.find((r) => r.status === 429)!;
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const body = await refused.json();
    expect(body.error).toMatchObject({ code: 'rate_limited', field: 'msisdn', details: { retryAfter, limit: 3 } });
    expect(body.message).toMatch(/3 payment prompts in the last 10 minutes; try again in \d+ min/);
    expect(pushesTo(msisdn)).toBe(3);
  });

  it('the shop shares the phone limit with the API and says when to try again', async () => {
    const msisdn = freshPhone();
    for (let i = 0; i < 3; i++) expect((await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '10', currency: 'KES', msisdn })).status).toBe(201);
    const outcome = await checkout('198.51.100.1', msisdn);
    expect(outcome).toMatchObject({ state: { message: expect.stringMatching(/^This phone has had the most payment requests allowed for now\. Try again in \d+ min\.$/) } });
    expect(pushesTo(msisdn)).toBe(3);
  });
});

describe('shop actions per client IP', () => {
  it('checkouts from one IP stop at its limit (other IPs go on)', async () => {
    const ip = '198.51.100.2';
    for (let i = 0; i < 4; i++) expect(await checkout(ip, freshPhone())).toMatchObject({ redirected: true });
    const fifth = await checkout(ip, freshPhone());
    expect(fifth).toMatchObject({ state: { message: expect.stringMatching(/^Too many requests from your network\. Try again in \d+ min\.$/) } });
    expect(await checkout('198.51.100.3', freshPhone())).toMatchObject({ redirected: true });
  });

  it('new orders from one IP stop at its limit, back to the shop with the wait', async () => {
    const ip = '203.0.113.1';
    const book = () => asRequestFrom(ip, () => bookTourAction(formData({ slug: 'amboseli-day-trip' }))).catch((e: { digest?: string }) => String(e.digest));
    for (let i = 0; i < 3; i++) expect(await book()).toMatch(/NEXT_REDIRECT;.*;\/checkout\/ORD-/);
    expect(await book()).toMatch(/NEXT_REDIRECT;.*;\/\?wait=\d+;/);
  });
});
