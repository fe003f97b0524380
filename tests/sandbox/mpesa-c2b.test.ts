// M-Pesa C2B register URL and simulate (providers.md §1.6).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { BASIC, call, waitFor } from './helpers';

let sandbox: SandboxHandle | undefined;
let closeMerchant: (() => void) | undefined;
afterEach(async () => {
  await sandbox?.close();
  closeMerchant?.();
});

/** The merchant's validation and confirmation endpoints; validation answers `validationReply`. */
async function merchant(validationReply: unknown) {
  const hits: { path: string; body: Record<string, string> }[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, string> });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/validate' ? validationReply : { ResultCode: 0, ResultDesc: 'Success' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closeMerchant = () => server.close();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

async function setUp(options: Record<string, unknown>, validationReply: unknown = { ResultCode: '0', ResultDesc: 'Accepted' }) {
  const m = await merchant(validationReply);
  const s = await startSandbox({ port: 0, options: { outcomeDelayMs: 10, ...options } });
  sandbox = s;
  const auth = await call(`${s.url}/mpesa/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: BASIC } });
  const headers = { authorization: `Bearer ${auth.json.access_token}` };
  const api = (path: string, body: unknown) => call(`${s.url}/mpesa/mpesa/c2b/${path}`, { headers, body });
  const reg = await api('v2/registerurl', {
    ShortCode: '600984', ResponseType: 'Completed', ConfirmationURL: `${m.url}/confirm`, ValidationURL: `${m.url}/validate`,
  });
  return { m, api, reg };
}

describe('M-Pesa C2B', () => {
  it('registers URLs with the misspelt OriginatorCoversationID and refuses a bad ResponseType', async () => {
    const { api, reg } = await setUp({});
    expect(reg.json).toEqual({ OriginatorCoversationID: expect.any(String), ResponseCode: '0', ResponseDescription: 'success' });
    const bad = await api('v1/registerurl', { ShortCode: '600984', ResponseType: 'completed', ConfirmationURL: 'http://a/b', ValidationURL: 'http://a/c' });
    expect([bad.status, bad.json.errorMessage]).toEqual([400, 'Bad Request - Invalid ResponseType']);
  });

  it('confirms a simulated payment with string values and a masked MSISDN', async () => {
    const { m, api } = await setUp({});
    const sim = await api('v1/simulate', { ShortCode: 600984, CommandID: 'CustomerPayBillOnline', Amount: 10, Msisdn: 254708374149, BillRefNumber: 'inv8' });
    expect(sim.json).toMatchObject({ ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' });
    const [hit] = await waitFor(() => m.hits.length > 0 && m.hits);
    expect(hit?.path).toBe('/confirm'); // external validation is off by default
    expect(hit?.body).toMatchObject({
      TransactionType: 'Pay Bill', TransAmount: '10', BusinessShortCode: '600984', BillRefNumber: 'inv8',
      MSISDN: '25470****149', OrgAccountBalance: '10.00', TransTime: expect.stringMatching(/^\d{14}$/),
    });
  });

  it('asks the validation URL first when enabled, and stops when the merchant rejects', async () => {
    const { m, api } = await setUp({ mpesaC2bValidation: true }, { ResultCode: 'C2B00012', ResultDesc: 'Rejected' });
    await api('v2/simulate', { ShortCode: '600984', CommandID: 'CustomerBuyGoodsOnline', Amount: '5', Msisdn: '254708374149' });
    await waitFor(() => sandbox?.ledger('mpesa').some((e) => e.kind === 'c2b-outcome'));
    expect(m.hits.map((h) => h.path)).toEqual(['/validate']);
    expect(m.hits[0]?.body).toMatchObject({ TransactionType: 'Buy Goods', TransAmount: '5.00', OrgAccountBalance: '' });
  });
});
