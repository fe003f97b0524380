// The M-Pesa Daraja simulator against the wire contract of providers.md §1.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseStkCallback } from '../../lib/providers/mpesa/callback';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { BASIC, call, password, SHORTCODE, sleep, startReceiver, timestamp, waitFor } from './helpers';

let sandbox: SandboxHandle;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let base: string;
let token: string;

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({
    port: 0,
    options: { outcomeDelayMs: 50, slowMs: 300, promptTimeoutMs: 400, mpesaLateCallbackDelayMs: 100 },
  });
  base = `${sandbox.url}/mpesa`;
  token = (await call(`${base}/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: BASIC } })).json.access_token;
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(() => sandbox.reset());

const bearer = () => ({ authorization: `Bearer ${token}` });

function pushBody(phone: string, overrides: Record<string, unknown> = {}) {
  const ts = timestamp();
  return {
    BusinessShortCode: Number(SHORTCODE), Password: password(ts), Timestamp: ts, TransactionType: 'CustomerPayBillOnline',
    Amount: '10', PartyA: phone, PartyB: SHORTCODE, PhoneNumber: phone, CallBackURL: receiver.url,
    AccountReference: 'order42', TransactionDesc: 'Payment', ...overrides,
  };
}
const push = (phone: string, overrides: Record<string, unknown> = {}) =>
  call(`${base}/mpesa/stkpush/v1/processrequest`, { headers: bearer(), body: pushBody(phone, overrides) });
const query = (checkoutRequestId: string) => {
  const ts = timestamp();
  return call(`${base}/mpesa/stkpushquery/v1/query`, {
    headers: bearer(),
    body: { BusinessShortCode: SHORTCODE, Password: password(ts), Timestamp: ts, CheckoutRequestID: checkoutRequestId },
  });
};
const callbacksFor = (id: string, n = 1) => waitFor(() => receiver.for(id).length >= n && receiver.for(id));

describe('OAuth', () => {
  const generate = (headers: Record<string, string>, grant = 'client_credentials') =>
    call(`${base}/oauth/v1/generate?grant_type=${grant}`, { headers });

  it('issues a token with expires_in as the string "3599"', async () => {
    const res = await generate({ authorization: BASIC });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9]{28}$/), expires_in: '3599' });
  });

  it('answers wrong credentials with HTTP 400 and an empty body, a missing header with 400.008.01, a bad grant type with 400.008.02', async () => {
    const wrong = await generate({ authorization: `Basic ${Buffer.from('nope:nope').toString('base64')}` });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toBeUndefined();
    expect((await generate({})).json.errorCode).toBe('400.008.01');
    const grant = await generate({ authorization: BASIC }, 'password');
    expect([grant.status, grant.json.errorCode]).toEqual([400, '400.008.02']);
  });

  it('answers 404.001.03 for a missing, unknown or expired token', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const res = await call(`${base}/mpesa/stkpush/v1/processrequest`, { headers, body: pushBody('254700000000') });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ errorCode: '404.001.03', errorMessage: 'Invalid Access Token' });
    }
    const shortLived = await startSandbox({ port: 0, options: { mpesaTokenTtlSeconds: 0 } });
    try {
      const t = await call(`${shortLived.url}/mpesa/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: BASIC } });
      const res = await call(`${shortLived.url}/mpesa/mpesa/stkpushquery/v1/query`, { headers: { authorization: `Bearer ${t.json.access_token}` }, body: {} });
      expect(res.json.errorCode).toBe('404.001.03');
    } finally {
      await shortLived.close();
    }
  });
});

describe('STK push validation', () => {
  it('rejects a wrong password with 500.001.1001', async () => {
    const res = await push('254700000000', { Password: password('20200101000000') });
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ errorCode: '500.001.1001' });
  });

  it.each([
    ['Amount', { Amount: 1.5 }],
    ['Amount', { Amount: 250_001 }],
    ['PhoneNumber', { PhoneNumber: '0712345678' }],
    ['Timestamp', { Timestamp: '2021' }],
    ['TransactionType', { TransactionType: 'Pay' }],
    ['CallBackURL', { CallBackURL: 'ftp://x' }],
    ['AccountReference', { AccountReference: '' }],
    ['Remarks', { TransactionDesc: undefined }],
  ])('rejects a bad %s with 400.002.02', async (field, overrides) => {
    const res = await push('254700000000', overrides);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: '400.002.02', errorMessage: `Bad Request - Invalid ${field}` });
  });

  it('accepts an AccountReference over 12 and a TransactionDesc over 13 characters, as Daraja does', async () => {
    const res = await push('254700000000', { AccountReference: 'thirteen-char', TransactionDesc: 'fourteen chars' });
    expect(res.status).toBe(200);
  });

  it('answers "Invalid BusinessShortCode" when the body is not sent as JSON', async () => {
    const res = await call(`${base}/mpesa/stkpush/v1/processrequest`, {
      headers: { ...bearer(), 'content-type': 'text/plain' },
      body: JSON.stringify(pushBody('254700000000')),
    });
    expect([res.status, res.json.errorMessage]).toEqual([400, 'Bad Request - Invalid BusinessShortCode']);
  });

  it('records requests in the ledger without secrets', async () => {
    await push('254700000000');
    const text = JSON.stringify(sandbox.ledger('mpesa'));
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/"Password":"(?!\[redacted\])/);
  });
});

describe('STK push outcomes', () => {
  it('accepts a push and delivers a success callback in the documented shape', async () => {
    const res = await push('254708374149', { Amount: 10 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      MerchantRequestID: expect.stringMatching(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\d{4}$/),
      CheckoutRequestID: expect.stringMatching(/^ws_CO_\d{25}$/),
      ResponseCode: '0',
      ResponseDescription: 'Success. Request accepted for processing',
      CustomerMessage: 'Success. Request accepted for processing',
    });
    const [cb] = await callbacksFor(res.json.CheckoutRequestID);
    const stk = cb?.body.Body.stkCallback;
    expect(cb?.path).toBe('/api/webhooks/mpesa/token123');
    expect(stk).toMatchObject({ MerchantRequestID: res.json.MerchantRequestID, ResultCode: 0, ResultDesc: 'The service request is processed successfully.' });
    const items = Object.fromEntries(stk.CallbackMetadata.Item.map((i: { Name: string; Value: unknown }) => [i.Name, i.Value]));
    expect(items.Amount).toBe(10);
    expect(items.MpesaReceiptNumber).toMatch(/^[A-Z][A-Z0-9]{9}$/);
    expect(String(items.TransactionDate)).toMatch(/^20\d{12}$/);
    expect(typeof items.TransactionDate).toBe('number');
    expect(items.PhoneNumber).toBe(254708374149);
  });

  it('sends {"Name":"Balance"} with no Value in the success callback, as Daraja does, and our parser accepts it', async () => {
    const res = await push('254708374149', { Amount: 10 });
    const [cb] = await callbacksFor(res.json.CheckoutRequestID);
    const balance = cb?.body.Body.stkCallback.CallbackMetadata.Item.find((i: { Name: string }) => i.Name === 'Balance');
    expect(balance).toEqual({ Name: 'Balance' });
    const parsed = parseStkCallback(cb?.body);
    expect(parsed).toMatchObject({ amount: 10, phoneNumber: '254708374149', outcome: { status: 'success' } });
    expect(parsed?.outcome.receipt).toMatch(/^[A-Z][A-Z0-9]{9}$/);
  });

  it('answers query "being processed" first, then the outcome with string values', async () => {
    const { json } = await push('254700000001');
    const early = await query(json.CheckoutRequestID);
    expect(early.status).toBe(500);
    expect(early.json).toEqual({ requestId: json.CheckoutRequestID, errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' });
    const [cb] = await callbacksFor(json.CheckoutRequestID);
    expect(cb?.body.Body.stkCallback).toEqual({
      MerchantRequestID: json.MerchantRequestID, CheckoutRequestID: json.CheckoutRequestID,
      ResultCode: 1, ResultDesc: 'The balance is insufficient for the transaction.',
    });
    const late = await query(json.CheckoutRequestID);
    expect(late.json).toEqual({
      ResponseCode: '0', ResponseDescription: 'The service request has been accepted successsfully',
      MerchantRequestID: json.MerchantRequestID, CheckoutRequestID: json.CheckoutRequestID,
      ResultCode: '1', ResultDesc: 'The balance is insufficient for the transaction.',
    });
    expect((await query('ws_CO_unknown')).json.errorMessage).toBe('Bad Request - Invalid CheckoutRequestID');
  });

  it('sends the duplicate number\'s callback five times', async () => {
    const { json } = await push('254700000006');
    await callbacksFor(json.CheckoutRequestID, 5);
    await sleep(100);
    expect(receiver.for(json.CheckoutRequestID)).toHaveLength(5);
    expect(sandbox.ledger('mpesa').filter((e) => e.kind === 'callback' && e.checkoutRequestId === json.CheckoutRequestID)).toHaveLength(5);
  });

  it('loses the callback for 254700000005 while query still reports success', async () => {
    const { json } = await push('254700000005');
    await waitFor(() => sandbox.ledger('mpesa').some((e) => e.kind === 'callback-skipped'));
    await sleep(100);
    expect(receiver.for(json.CheckoutRequestID)).toHaveLength(0);
    expect((await query(json.CheckoutRequestID)).json.ResultCode).toBe('0');
  });

  it('fails the push for 254700000008 with HTTP 500 500.003.02', async () => {
    const res = await push('254700000008');
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ errorCode: '500.003.02', errorMessage: 'System is busy. Please try again in few minutes.' });
  });

  it('sends a late contradictory 1037 after the success for 254700000007', async () => {
    const { json } = await push('254700000007');
    const cbs = await callbacksFor(json.CheckoutRequestID, 2);
    expect(cbs.map((c) => c.body.Body.stkCallback.ResultCode)).toEqual([0, 1037]);
    expect(cbs[1]?.body.Body.stkCallback.CallbackMetadata).toBeUndefined();
    expect((await query(json.CheckoutRequestID)).json.ResultCode).toBe('0');
  });

  it('pays one shilling less than asked for 254700000011', async () => {
    const { json } = await push('254700000011', { Amount: 100 });
    const [cb] = await callbacksFor(json.CheckoutRequestID);
    expect(cb?.body.Body.stkCallback.CallbackMetadata.Item[0]).toEqual({ Name: 'Amount', Value: 99 });
    expect(sandbox.ledger('mpesa').find((e) => e.kind === 'outcome')).toMatchObject({ requestedAmount: 100, paidAmount: 99 });
  });

  it('cancels the first push for 254700000012 and approves the next', async () => {
    const first = await push('254700000012');
    expect((await callbacksFor(first.json.CheckoutRequestID))[0]?.body.Body.stkCallback.ResultCode).toBe(1032);
    const second = await push('254700000012');
    expect((await callbacksFor(second.json.CheckoutRequestID))[0]?.body.Body.stkCallback.ResultCode).toBe(0);
  });

  it('delays push answers for the slow number', async () => {
    const started = Date.now();
    expect((await push('254700000009')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('manual numbers and the subscriber lock', () => {
  const prompts = async (msisdn: string) => (await call(`${sandbox.url}/_sandbox/prompts?msisdn=${msisdn}`)).json.prompts;
  const answer = (id: string, verb: 'approve' | 'decline') =>
    call(`${sandbox.url}/_sandbox/prompts/${id}/${verb}`, { method: 'POST', headers: { accept: 'application/json' } });

  it('locks the subscriber while a prompt is pending, then pays on approval', async () => {
    const first = await push('254712345678');
    const second = await push('254712345678');
    expect(second.status).toBe(500);
    expect(second.json).toMatchObject({ errorCode: '500.001.1001', errorMessage: expect.stringMatching(/^Unable to lock subscriber/) });

    const [prompt] = await prompts('254712345678');
    expect(prompt).toMatchObject({ provider: 'mpesa', amount: '10', currency: 'KES', status: 'pending' });
    const approved = await answer(prompt.id, 'approve');
    expect(approved.json).toMatchObject({ ok: true, prompt: { status: 'approved' } });
    expect((await callbacksFor(first.json.CheckoutRequestID))[0]?.body.Body.stkCallback.ResultCode).toBe(0);
    expect((await answer(prompt.id, 'decline')).status).toBe(409);
    expect((await push('254712345678')).status).toBe(200); // lock released
  });

  it('declines with 1032 and times out with 1037', async () => {
    const declined = await push('254712345679');
    await answer((await prompts('254712345679'))[0].id, 'decline');
    expect((await callbacksFor(declined.json.CheckoutRequestID))[0]?.body.Body.stkCallback.ResultCode).toBe(1032);

    const ignored = await push('254712345670');
    const [cb] = await callbacksFor(ignored.json.CheckoutRequestID);
    expect(cb?.body.Body.stkCallback).toMatchObject({ ResultCode: 1037, ResultDesc: 'DS timeout user cannot be reached' });
    expect((await prompts('254712345670'))[0].status).toBe('expired');
  });
});
