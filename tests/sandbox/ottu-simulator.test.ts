// The real Ottu client (lib/providers/ottu/client.ts) against the Ottu simulator, end to end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { attachToSession, chargeSavedCard, createCheckoutSession, deleteCard, getCheckoutSession, inquirePayment, listCards, listPaymentMethods, runOperation, updateSessionAmount } from '@/lib/providers/ottu/client';
import { resolveOttuConfig, type OttuConfig } from '@/lib/providers/ottu/config';
import { parseOttuWebhook } from '@/lib/providers/ottu/webhook';
import { ProviderRejectedError } from '@/lib/providers/types';
import { createOttuSimulator } from '../../sandbox/ottu/simulator';
import { eventually, startHarness, startWebhookReceiver, type Harness } from './harness';

const WEBHOOK_KEY = 'sandbox-ottu-webhook-key';
const NO_THROTTLE = { ottuInquiryGraceMs: 0, ottuInquirySpacingMs: 0, ottuLateResultMs: 100 };
let seq = 0;
const orderNo = () => `ORD-${Date.now()}-${(seq += 1)}`;

let h: Harness;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let config: OttuConfig;

async function start(options: Record<string, unknown> = NO_THROTTLE) {
  hook = await startWebhookReceiver();
  h = await startHarness(createOttuSimulator, options);
  config = resolveOttuConfig(parseEnv({ OTTU_BASE_URL: `${h.baseUrl}/ottu`, OTTU_API_KEY: 'sandbox-ottu-api-key', OTTU_WEBHOOK_KEY: WEBHOOK_KEY, OTTU_PG_CODES: 'mpgs,kpay', OTTU_MODE: 'sandbox' }))!;
}

const session = (amountMinor = 12_500, extra: Partial<Parameters<typeof createCheckoutSession>[1]> = {}) =>
  createCheckoutSession(config, { amountMinor, currency: 'KWD', orderNo: orderNo(), webhookUrl: hook.url, redirectUrl: 'https://shop.example/return', customer: { id: 'cust-1', email: 'a@b.com' }, ...extra }, null);

/** The shopper on the hosted page: open it, type a card, press a button. */
async function pay(checkoutUrl: string, card: string, action = 'pay', pgCode = 'mpgs', path = 'pay') {
  const page = await fetch(checkoutUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<button class="ok" type="submit" name="action" value="pay">Pay</button>');
  const sessionId = new URL(checkoutUrl).searchParams.get('session_id')!;
  const form = new URLSearchParams({ session_id: sessionId, card_number: card, pg_code: pgCode, action });
  return fetch(`${h.baseUrl}/ottu/b/checkout/redirect/${path}/`, { method: 'POST', body: form, redirect: 'manual' });
}

beforeEach(async () => start());
afterEach(async () => {
  await h.close();
  await hook.close();
  expect(h.errors).toEqual([]);
});

describe('Ottu simulator driven by the real client', () => {
  it('create → hosted page pay → signed webhook → inquiry → partial refunds → a refund over the rest is refused', async () => {
    const created = await session();
    expect(created).toMatchObject({ state: 'created', outcome: 'processing', amountMinor: 12_500, currency: 'KWD' });
    expect(created.raw.amount).toBe('12.500');
    expect(created.checkoutUrl).toContain('/ottu/b/checkout/redirect/start/?session_id=');

    const res = await pay(created.checkoutUrl!, '4242 4242 4242 4242');
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://shop.example/return');
    expect(back.searchParams.get('session_id')).toBe(created.sessionId);
    expect(back.searchParams.get('reference_number')).toMatch(/^sandbox/);

    await hook.waitFor(1);
    const webhook = parseOttuWebhook(hook.received[0]!.body, WEBHOOK_KEY);
    expect(webhook).toMatchObject({ kind: 'payment', sessionId: created.sessionId, state: 'paid', outcome: 'success', amount: '12.500' });
    expect(parseOttuWebhook({ ...hook.received[0]!.body, amount: '125.000' }, WEBHOOK_KEY).kind).toBe('unverified');

    const inquiry = await inquirePayment(config, { sessionId: created.sessionId }, 'KWD', null);
    expect(inquiry).toMatchObject({ kind: 'result', payment: { state: 'paid', outcome: 'success', amountMinor: 12_500 } });

    const first = await runOperation(config, { operation: 'refund', sessionId: created.sessionId, currency: 'KWD', amountMinor: 5_000, trackingKey: 'refund-1' }, null);
    expect(first).toMatchObject({ success: true, amountMinor: 5_000, childState: 'refunded' });
    // The same Tracking-Key again is the same refund, not a second one.
    const replay = await runOperation(config, { operation: 'refund', sessionId: created.sessionId, currency: 'KWD', amountMinor: 5_000, trackingKey: 'refund-1' }, null);
    expect(replay.referenceNumber).toBe(first.referenceNumber);
    await runOperation(config, { operation: 'refund', sessionId: created.sessionId, currency: 'KWD', amountMinor: 7_000, trackingKey: 'refund-2' }, null);
    const over = await runOperation(config, { operation: 'refund', sessionId: created.sessionId, currency: 'KWD', amountMinor: 501, trackingKey: 'refund-3' }, null);
    expect(over).toMatchObject({ success: false, detail: expect.stringContaining('0.500 KWD') });
    const rest = await runOperation(config, { operation: 'refund', sessionId: created.sessionId, currency: 'KWD', trackingKey: 'refund-4' }, null);
    expect(rest).toMatchObject({ success: true, amountMinor: 500 });

    // Each operation also arrives as a signed operation webhook.
    await eventually(() => hook.received.length >= 4);
    const op = parseOttuWebhook(hook.received.find((r) => r.body.operation === 'refund')!.body, WEBHOOK_KEY);
    expect(op).toMatchObject({ kind: 'operation', sessionId: created.sessionId, state: 'refunded' });
  });

  it('a declined card leaves the session attempted (open for another card); the shopper may then pay', async () => {
    const created = await session();
    const res = await pay(created.checkoutUrl!, '4000000000000002');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Declined by the issuer');
    await hook.waitFor(1);
    expect(parseOttuWebhook(hook.received[0]!.body, WEBHOOK_KEY)).toMatchObject({ state: 'attempted', outcome: 'processing' });
    expect((await getCheckoutSession(config, created.sessionId, 'KWD', null))?.state).toBe('attempted');
    const refund = await runOperation(config, { operation: 'refund', sessionId: created.sessionId, currency: 'KWD', trackingKey: 'r' }, null);
    expect(refund.success).toBe(false);
    expect((await pay(created.checkoutUrl!, '4242424242424242')).status).toBe(303);
    expect((await getCheckoutSession(config, created.sessionId, 'KWD', null))?.state).toBe('paid');
  });

  it('authorize (mpgs-auth) → void; void after a capture and a second void are refused', async () => {
    const voided = await session(20_000, { pgCodes: ['mpgs-auth'] });
    expect((await pay(voided.checkoutUrl!, '4242424242424242', 'pay', 'mpgs-auth')).status).toBe(303);
    expect((await getCheckoutSession(config, voided.sessionId, 'KWD', null))?.outcome).toBe('success');
    expect(await runOperation(config, { operation: 'void', sessionId: voided.sessionId, currency: 'KWD', trackingKey: 'v1' }, null)).toMatchObject({ success: true, childState: 'voided' });
    expect((await runOperation(config, { operation: 'void', sessionId: voided.sessionId, currency: 'KWD', trackingKey: 'v2' }, null)).success).toBe(false);

    const captured = await session(20_000, { pgCodes: ['mpgs-auth'] });
    await pay(captured.checkoutUrl!, '4242424242424242', 'pay', 'mpgs-auth');
    expect(await runOperation(config, { operation: 'capture', sessionId: captured.sessionId, currency: 'KWD', amountMinor: 15_000, trackingKey: 'c1' }, null)).toMatchObject({ success: true, amountMinor: 15_000 });
    expect((await runOperation(config, { operation: 'void', sessionId: captured.sessionId, currency: 'KWD', trackingKey: 'v3' }, null)).detail).toMatch(/capture/);
    expect((await runOperation(config, { operation: 'refund', sessionId: captured.sessionId, currency: 'KWD', amountMinor: 15_001, trackingKey: 'r1' }, null)).success).toBe(false);
    expect((await runOperation(config, { operation: 'refund', sessionId: captured.sessionId, currency: 'KWD', amountMinor: 15_000, trackingKey: 'r2' }, null)).success).toBe(true);
  });

  it('refuses before any call what the state rules forbid, and a capture without a tracking key', async () => {
    const created = await session();
    const before = h.ledger().length;
    await expect(runOperation(config, { operation: 'refund', sessionId: created.sessionId, currency: 'KWD', trackingKey: 'x', known: { state: 'created' } }, null)).rejects.toThrow(/refund needs state paid/);
    await expect(runOperation(config, { operation: 'capture', sessionId: created.sessionId, currency: 'KWD' }, null)).rejects.toThrow(/tracking key/);
    expect(h.ledger().length).toBe(before);
  });

  it('3-D Secure card: the bank step, then paid', async () => {
    const created = await session();
    const step = await pay(created.checkoutUrl!, '4000000000003220');
    expect(await step.text()).toContain('3-D Secure');
    const done = await fetch(`${h.baseUrl}/ottu/b/checkout/redirect/3ds/`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ session_id: created.sessionId, card_number: '4000000000003220', pg_code: 'mpgs', action: 'authenticate' }) });
    expect(done.status).toBe(303);
    expect((await getCheckoutSession(config, created.sessionId, 'KWD', null))?.state).toBe('paid');
  });

  it('delayed gateway result: failed webhook first, then a late signed paid webhook', async () => {
    const created = await session();
    await pay(created.checkoutUrl!, '4000000000000259');
    await hook.waitFor(2, 3000);
    const [first, late] = hook.received.map((r) => parseOttuWebhook(r.body, WEBHOOK_KEY));
    expect(first).toMatchObject({ state: 'failed', outcome: 'failed' });
    expect(late).toMatchObject({ state: 'paid', outcome: 'success', sessionId: created.sessionId });
  });

  it('updates the amount and takes a PDF attachment; a non-PDF is refused before sending', async () => {
    const created = await session();
    expect((await updateSessionAmount(config, created.sessionId, 13_250, 'KWD', null)).raw.amount).toBe('13.250');
    const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n\xff\x00binary\n%%EOF', 'latin1'));
    expect((await attachToSession(config, created.sessionId, { filename: 'invoice.pdf', data: pdf, contentType: 'application/pdf' }, 'KWD', null)).attachment).toContain('invoice.pdf');
    const before = h.ledger().length;
    await expect(attachToSession(config, created.sessionId, { filename: 'invoice.pdf', data: new Uint8Array(Buffer.from('MZ...')) }, 'KWD', null)).rejects.toThrow(ProviderRejectedError);
    await expect(attachToSession(config, created.sessionId, { filename: 'x.exe', data: pdf }, 'KWD', null)).rejects.toThrow(/\.pdf/);
    await expect(attachToSession(config, created.sessionId, { filename: 'big.pdf', data: new Uint8Array(6 * 1024 * 1024).fill(0x25) }, 'KWD', null)).rejects.toThrow(/at most 5 MB/);
    expect(h.ledger().length).toBe(before);
  });

  it('names the fields Ottu refuses (DRF errors) and answers bad credentials with 401', async () => {
    const err = await createCheckoutSession(config, { amountMinor: 1, currency: 'KWD', orderNo: 'x', webhookUrl: 'not a url', redirectUrl: 'https://x.example', pgCodes: ['nope'] }, null).catch((e) => e);
    expect(err.fields).toMatchObject({ webhook_url: ['Enter a valid URL.'], pg_codes: ['Object with code=nope does not exist.'] });
    const wrong = await listPaymentMethods({ ...config, authorization: 'Api-Key wrong' }, 'KWD', null).catch((e) => e);
    expect(wrong).toMatchObject({ code: 'ottu_auth_failed' });
  });

  it('lists payment methods for a currency (KNET only for KWD)', async () => {
    expect((await listPaymentMethods(config, 'KWD', null)).map((m) => m.code)).toEqual(['mpgs', 'kpay', 'mpgs-auth']);
    expect((await listPaymentMethods(config, 'USD', null)).map((m) => m.code)).toEqual(['mpgs', 'mpgs-auth']);
  });

  it('saves a card on a save_card payment, charges it by auto-debit, deletes it', async () => {
    const saving = await session(5_000, { paymentType: 'save_card', customer: { id: 'cust-9' } });
    await pay(saving.checkoutUrl!, '4242424242424242');
    const cards = await listCards(config, { customerId: 'cust-9' }, null);
    expect(cards).toEqual([expect.objectContaining({ number: '**** 4242', brand: 'VISA', customer_id: 'cust-9' })]);
    expect(JSON.stringify(cards)).not.toContain('4242424242424242');
    const recurring = await session(5_000, { paymentType: 'auto_debit', customer: { id: 'cust-9' }, agreement: { id: 'agr-1', type: 'unscheduled' } });
    const charged = await chargeSavedCard(config, { sessionId: recurring.sessionId, token: cards[0]!.token, currency: 'KWD' }, null);
    expect(charged).toMatchObject({ state: 'paid', outcome: 'success', cardToken: cards[0]!.token });
    // Auto-debit webhooks carry the token and are signed in the subscription form.
    await eventually(() => hook.received.find((r) => r.body.session_id === recurring.sessionId));
    expect(parseOttuWebhook(hook.received.find((r) => r.body.session_id === recurring.sessionId)!.body, WEBHOOK_KEY).kind).toBe('payment');
    expect(await deleteCard(config, { token: cards[0]!.token, customerId: 'cust-9' }, null)).toBe(true);
    expect(await deleteCard(config, { token: cards[0]!.token, customerId: 'cust-9' }, null)).toBe(false);
  });
});

describe('Ottu inquiry throttling (defaults: 10 min grace, then 1 per 30 min, 3 a day)', () => {
  it('answers "not now" within the grace period, then once per spacing', async () => {
    await h.close();
    await hook.close();
    await start({ ottuInquiryGraceMs: 10 * 60_000 });
    const created = await session();
    expect(await inquirePayment(config, { sessionId: created.sessionId }, 'KWD', null)).toMatchObject({ kind: 'not_now', status: 429 });
    await h.close();
    await hook.close();
    await start({ ottuInquiryGraceMs: 0 });
    const other = await session();
    expect((await inquirePayment(config, { orderNo: other.orderNo! }, 'KWD', null)).kind).toBe('result');
    expect(await inquirePayment(config, { sessionId: other.sessionId }, 'KWD', null)).toMatchObject({ kind: 'not_now', message: expect.stringContaining('30 minutes') });
  });
});
