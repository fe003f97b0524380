// Generated bad input against every public route: no answer is a 5xx and no body carries a
// stack trace. Deterministic (seeded), bounded, a few seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegrationApp, TEST_API_KEY, type IntegrationApp } from '../support/integration-app';
import { formData } from '../support/form-data';
import { asRequestFrom } from '../support/request-scope';
import { bookTourAction, checkAgainAction, retryAction, startCheckout } from '@/app/(shop)/actions';
import { cancelOtpAction, confirmOtpAction, resendOtpAction } from '@/app/(shop)/otp-actions';

let t: IntegrationApp;
let paymentId: string;

beforeAll(async () => {
  t = await startIntegrationApp();
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '10', currency: 'KES', msisdn: '254700000000' });
  paymentId = res.body.data.id;
});
afterAll(async () => t?.close());

/** mulberry32: the same sequence on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(9);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const NASTY_STRINGS = ['', ' ', 'x', '%zz', '%', '\u0000', 'a\u0000b', '\uD800', '\uDFFFx', '😀', "'; drop table payments; --", '<script>', '../../etc/passwd',
  '-1', '0', '1e309', 'NaN', 'null', 'true', '[]', '{}', 'pay_00000000000000000000', 'pay_' + 'z'.repeat(300), 'x'.repeat(5000), '254712345678', '+254 712 345 678'];
const NASTY_VALUES: unknown[] = [...NASTY_STRINGS, null, true, false, 0, -1, 1.5, 1e308, [], {}, [null], { a: { b: {} } }];
const KEYS = ['provider', 'amount', 'currency', 'msisdn', 'customer_name', 'order_id', 'reference', 'callback_url', 'otp', 'Body', 'event', 'data', 'checksum', '__proto__', 'constructor'];

function nastyObject(depth = 0): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) obj[pick(KEYS)] = depth < 2 && random() < 0.2 ? nastyObject(depth + 1) : pick(NASTY_VALUES);
  return obj;
}
function nastyBody(): string {
  const r = random();
  if (r < 0.15) return pick(NASTY_STRINGS);
  if (r < 0.25) return JSON.stringify(pick(NASTY_VALUES));
  if (r < 0.3) return '{"a":' + '['.repeat(2000);
  return JSON.stringify(nastyObject());
}
function encoded(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as raw bytes
  }
}
const segment = () => pick([encoded(pick(NASTY_STRINGS)).slice(0, 400) || 'x', pick(NASTY_STRINGS).replace(/[^\x21-\x7e]/g, '') || '%zz']);

function noServerError(status: number, body: string, what: string) {
  expect(status, what).toBeLessThan(500);
  expect(body, what).not.toMatch(/\n\s+at .+:\d+:\d+|Error: .*\n/);
}

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.app.url}${path}`, { method, headers: { 'content-type': pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']), ...headers }, body });
  noServerError(res.status, await res.text(), `${method} ${path.slice(0, 120)} ${String(body).slice(0, 80)}`);
}

describe('fuzz: generated bad input never gets a 5xx or a stack trace', () => {
  it('merchant API, webhooks and the shopper poll (400 requests)', async () => {
    const auth = (): Record<string, string> => pick<Record<string, string>>([{ authorization: `Bearer ${TEST_API_KEY}` }, { authorization: `Bearer ${TEST_API_KEY}` }, { authorization: 'Bearer nope' }, {}]);
    const routes: (() => Promise<void>)[] = [
      () => send('POST', '/api/v1/payments', nastyBody(), { ...auth(), 'idempotency-key': random() < 0.3 ? pick(NASTY_STRINGS).replace(/[^\x20-\x7e]/g, '').slice(0, 300) || 'k' : `k${random()}` }),
      () => send('GET', `/api/v1/payments?${pick(['status', 'provider', 'cursor', 'limit', 'from', 'to', 'q'])}=${segment()}`, undefined, auth()),
      () => send('GET', `/api/v1/payments/${pick([segment(), paymentId])}`, undefined, auth()),
      () => send('GET', `/api/v1/payments/${pick([segment(), paymentId])}/status`, undefined, auth()),
      () => send('POST', `/api/v1/payments/${pick([segment(), paymentId])}/retry`, nastyBody(), auth()),
      () => send('POST', `/api/v1/payments/${pick([segment(), paymentId])}/otp`, nastyBody(), auth()),
      () => send('POST', `/api/webhooks/mpesa/${pick([segment(), 'sandbox-callback-token-0123456789'])}`, nastyBody()),
      () => send('POST', '/api/webhooks/clickpesa', nastyBody()),
      () => send('GET', `/api/checkout/payments/${pick([segment(), paymentId])}`),
    ];
    for (let i = 0; i < 400; i++) await pick(routes)();
  });

  it('checkout and OTP server actions (300 forms)', async () => {
    const field = () => pick(NASTY_STRINGS);
    const form = () => formData({ paymentId: pick([field(), paymentId]), slug: field(), reference: field(), provider: field(), msisdn: field(), amountChoice: field(), clientToken: field(), otp: field() });
    const actions: ((f: FormData) => Promise<unknown>)[] = [
      (f) => startCheckout({ fieldErrors: {} }, f), checkAgainAction, retryAction, bookTourAction,
      (f) => confirmOtpAction({}, f), (f) => resendOtpAction({}, f), cancelOtpAction,
    ];
    for (let i = 0; i < 300; i++) {
      const f = form();
      try {
        await asRequestFrom('192.0.2.11', () => pick(actions)(f));
      } catch (error) {
        // Next's redirect() and notFound() are answers (303, 404), not failures.
        const digest = String((error as { digest?: string }).digest ?? '');
        expect(digest, `${(error as Error).message} for ${JSON.stringify(Object.fromEntries(f)).slice(0, 200)}`).toMatch(/^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK)/);
      }
    }
  });
});
