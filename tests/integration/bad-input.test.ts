import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegrationApp, type IntegrationApp } from '../support/integration-app';
import { formData } from '../support/form-data';
import { asRequestFrom } from '../support/request-scope';
import { checkAgainAction, retryAction, bookTourAction } from '@/app/(shop)/actions';
import { cancelOtpAction, confirmOtpAction, resendOtpAction } from '@/app/(shop)/otp-actions';

let t: IntegrationApp;
const CALLBACK_PATH = '/api/webhooks/mpesa/sandbox-callback-token-0123456789';

beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

const valid = { provider: 'mpesa', amount: '100', currency: 'KES', msisdn: '0712345678' };

describe('API strings that PostgreSQL cannot store are refused naming the field', () => {
  it.each([
    ['NUL in customer_name', { ...valid, customer_name: 'a\u0000b' }, 'customer_name'],
    ['lone surrogate in customer_name', { ...valid, customer_name: 'a\uD800b' }, 'customer_name'],
    ['NUL in reference', { ...valid, reference: 'ab\u0000' }, 'reference'],
  ])('%s → 400 naming the field', async (_name, body, field) => {
    const res = await t.api('POST', '/api/v1/payments', JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('a NUL in a query string is a 400, not a 500', async () => {
    const res = await t.api('GET', '/api/v1/payments?status=%00');
    expect(res.status).toBe(400);
  });
});

describe('large bodies are refused with 413 before they are parsed', () => {
  it('an API body over 64 KB → 413', async () => {
    const res = await t.api('POST', '/api/v1/payments', JSON.stringify({ ...valid, customer_name: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('a chunked API body (no Content-Length) over 64 KB → 413', async () => {
    const big = new TextEncoder().encode('x'.repeat(70_000));
    const stream = new ReadableStream({ start(c) { c.enqueue(big); c.enqueue(big); c.close(); } });
    const res = await fetch(`${t.app.url}/api/v1/payments`, {
      method: 'POST', body: stream, duplex: 'half',
      headers: { authorization: 'Bearer test-bootstrap-key-0123456789', 'content-type': 'application/json' },
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('a 2 MB M-Pesa callback to a wrong token is refused 403 without being read; to the right token 413', async () => {
    const body = JSON.stringify({ Body: { stkCallback: { ResultDesc: 'x'.repeat(2_000_000) } } });
    const wrong = await fetch(`${t.app.url}/api/webhooks/mpesa/not-the-token-at-all-000`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(wrong.status).toBe(403);
    const right = await fetch(`${t.app.url}${CALLBACK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(right.status).toBe(413);
  });

  it('a ClickPesa webhook over 64 KB → 413', async () => {
    const res = await fetch(`${t.app.url}/api/webhooks/clickpesa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(100_000) });
    expect(res.status).toBe(413);
  });
});

describe('NUL and lone surrogates in provider callbacks are stored sanitised, never a 500', () => {
  it.each([
    ['NUL in ResultDesc', '{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_nul","ResultCode":1032,"ResultDesc":"\\u0000"}}}'],
    ['lone surrogate in ResultDesc', '{"Body":{"stkCallback":{"MerchantRequestID":"m","CheckoutRequestID":"ws_CO_sur","ResultCode":1032,"ResultDesc":"\\ud800x"}}}'],
    ['NUL in a malformed callback', '{"weird":"\\u0000"}'],
  ])('%s → 2xx/4xx', async (_name, raw) => {
    const res = await fetch(`${t.app.url}${CALLBACK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(res.status).toBeLessThan(500);
  });
});

/** A server action either returns form state or ends in Next's redirect/notFound; anything else is a 500. */
async function outcomeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await asRequestFrom('192.0.2.10', run);
    return 'returned';
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK')) return 'redirected';
    return `threw ${(error as Error).message.slice(0, 80)}`;
  }
}

describe('shop server actions answer bad input without throwing (no 500)', () => {
  const bad: [string, Record<string, string>][] = [
    ['an empty form', {}],
    ['paymentId=x', { paymentId: 'x', slug: 'x' }],
    ['a 500-character id', { paymentId: 'pay_' + 'z'.repeat(500), slug: 'z'.repeat(500) }],
    ['bad percent-encoding', { paymentId: '%zz', slug: '%zz' }],
    ['a well-formed unknown id', { paymentId: 'pay_00000000000000000000', slug: 'no-such-tour', otp: '123456' }],
  ];
  it.each(bad)('%s', async (_name, form) => {
    const f = formData(form);
    for (const action of [checkAgainAction, retryAction, cancelOtpAction, bookTourAction]) {
      expect(await outcomeOf(() => action(f))).not.toMatch(/^threw/);
    }
    for (const action of [confirmOtpAction, resendOtpAction]) {
      expect(await outcomeOf(() => action({}, f))).not.toMatch(/^threw/);
    }
  });
});
