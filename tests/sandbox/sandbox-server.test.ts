// The sandbox server itself: pages, control API, reset and a prompt close().
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { BASIC, call, password, SHORTCODE, timestamp } from './helpers';

let sandbox: SandboxHandle | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function pushManual(s: SandboxHandle, phone: string) {
  const auth = await call(`${s.url}/mpesa/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: BASIC } });
  const ts = timestamp();
  return call(`${s.url}/mpesa/mpesa/stkpush/v1/processrequest`, {
    headers: { authorization: `Bearer ${auth.json.access_token}` },
    body: {
      BusinessShortCode: SHORTCODE, Password: password(ts), Timestamp: ts, TransactionType: 'CustomerPayBillOnline', Amount: 25,
      PartyA: phone, PartyB: SHORTCODE, PhoneNumber: phone, CallBackURL: 'http://127.0.0.1:9/unreachable', AccountReference: 'INV7', TransactionDesc: 'Tour',
    },
  });
}

describe('sandbox server', () => {
  it('serves health, the index with magic numbers, and 404s for unknown paths', async () => {
    sandbox = await startSandbox({ port: 0 });
    expect((await call(`${sandbox.url}/_sandbox/health`)).json).toEqual({ ok: true });
    const index = await call(`${sandbox.url}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.text).toContain('254700000006');
    expect(index.text).toContain(`MPESA_BASE_URL=${sandbox.url}/mpesa`);
    expect((await call(`${sandbox.url}/nope`)).status).toBe(404);
    expect((await call(`${sandbox.url}/mpesa/nope`)).json.errorCode).toBe('404.001.01');
  });

  it('shows prompts on /phone and answers the plain form with a 303 back to the page', async () => {
    sandbox = await startSandbox({ port: 0 });
    await pushManual(sandbox, '254711000001');
    const page = await call(`${sandbox.url}/phone?msisdn=254711000001`);
    expect(page.text).toContain('<meta http-equiv="refresh" content="3">');
    expect(page.text).toContain('KES 25');
    const id = /\/_sandbox\/prompts\/(prm_[0-9a-f]+)\/approve/.exec(page.text)?.[1];
    expect(id).toBeDefined();

    const form = await call(`${sandbox.url}/_sandbox/prompts/${id}/approve`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'pin=1234&msisdn=254711000001',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/phone?msisdn=254711000001');
    const prompts = (await call(`${sandbox.url}/_sandbox/prompts`)).json.prompts;
    expect(prompts[0]).toMatchObject({ id, status: 'approved' });
  });

  it('records an undeliverable callback in the ledger instead of crashing', async () => {
    sandbox = await startSandbox({ port: 0 });
    await pushManual(sandbox, '254711000002');
    const [prompt] = (await call(`${sandbox.url}/_sandbox/prompts`)).json.prompts;
    await call(`${sandbox.url}/_sandbox/prompts/${prompt.id}/approve`, { method: 'POST', headers: { accept: 'application/json' } });
    for (let i = 0; i < 100 && !sandbox.ledger('mpesa').some((e) => e.kind === 'callback'); i++) await new Promise((r) => setTimeout(r, 20));
    const entries = (await call(`${sandbox.url}/_sandbox/ledger?provider=mpesa`)).json.entries;
    expect(entries.find((e: { kind: string }) => e.kind === 'outcome')).toMatchObject({ resultCode: 0, paidAmount: 25 });
    expect(entries.find((e: { kind: string }) => e.kind === 'callback')).toMatchObject({ error: expect.any(String) });
  });

  it('reset forgets prompts and the ledger', async () => {
    sandbox = await startSandbox({ port: 0 });
    await pushManual(sandbox, '254711000003');
    expect((await call(`${sandbox.url}/_sandbox/reset`, { method: 'POST' })).json).toEqual({ ok: true });
    expect((await call(`${sandbox.url}/_sandbox/prompts`)).json.prompts).toEqual([]);
    expect(sandbox.ledger()).toEqual([]);
    expect((await call(`${sandbox.url}/_sandbox/sms`)).json.messages).toEqual([]);
  });

  it('closes promptly with pending timers and a slow request in flight', async () => {
    sandbox = await startSandbox({ port: 0, options: { slowMs: 60_000, promptTimeoutMs: 60_000 } });
    await pushManual(sandbox, '254711000004');
    const slow = pushManual(sandbox, '254700000009').catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await sandbox.close();
    sandbox = undefined;
    await slow;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
