// C2B register URL and simulate, v1 and v2 (providers.md §1.6). Simulate POSTs validation (only
// when mpesaC2bValidation is on, as upstream where external validation is off by default) and
// confirmation to the registered URLs, with Safaricom's masked MSISDN and all-string values.
import type { IncomingMessage } from 'node:http';
import { postJson } from '../http-client';
import type { OutcomeDeps } from './outcome';
import { jsonBody, type Parsed } from './validate';
import { darajaError, errors, newReceiptNumber, newRequestId, transactionDate, type Reply } from './wire';

interface Registration {
  responseType: 'Completed' | 'Cancelled';
  confirmationUrl: string;
  validationUrl: string;
}

interface Payment {
  version: 'v1' | 'v2';
  shortcode: string;
  commandId: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  amount: number;
  msisdn: string;
  billRef: string;
}

/** Upstream spelling: "OriginatorCoversationID" (sic). */
const accepted = (description: string): Reply => ({
  status: 200,
  body: { OriginatorCoversationID: newRequestId(), ResponseCode: '0', ResponseDescription: description },
});

const invalid = (field: string): Parsed<never> => ({ ok: false, reply: errors.invalidField(field) });
const digits = (v: unknown, re: RegExp) => {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
  return typeof s === 'string' && re.test(s) ? s : undefined;
};
const httpUrl = (v: unknown) => (typeof v === 'string' && /^https?:\/\/[^/\s]+/.test(v) ? v : undefined);

function parseRegistration(b: Record<string, unknown>): Parsed<Registration & { shortcode: string }> {
  const shortcode = digits(b.ShortCode, /^\d{5,7}$/);
  if (!shortcode) return invalid('ShortCode');
  if (b.ResponseType !== 'Completed' && b.ResponseType !== 'Cancelled') return invalid('ResponseType');
  const confirmationUrl = httpUrl(b.ConfirmationURL);
  if (!confirmationUrl) return invalid('ConfirmationURL');
  const validationUrl = httpUrl(b.ValidationURL);
  if (!validationUrl) return invalid('ValidationURL');
  return { ok: true, value: { shortcode, responseType: b.ResponseType, confirmationUrl, validationUrl } };
}

function parsePayment(b: Record<string, unknown>, version: Payment['version']): Parsed<Payment> {
  const shortcode = digits(b.ShortCode, /^\d{5,7}$/);
  if (!shortcode) return invalid('ShortCode');
  if (b.CommandID !== 'CustomerPayBillOnline' && b.CommandID !== 'CustomerBuyGoodsOnline') return invalid('CommandID');
  const amount = Number(digits(b.Amount, /^\d{1,6}$/));
  if (!Number.isInteger(amount) || amount < 1 || amount > 250_000) return invalid('Amount');
  const msisdn = digits(b.Msisdn, /^254[71]\d{8}$/);
  if (!msisdn) return invalid('Msisdn');
  const billRef = b.BillRefNumber === undefined || b.BillRefNumber === null ? '' : String(b.BillRefNumber);
  return { ok: true, value: { version, shortcode, commandId: b.CommandID, amount, msisdn, billRef } };
}

export function createC2b(deps: OutcomeDeps) {
  const { ctx, cfg } = deps;
  const registrations = new Map<string, Registration>();
  const balances = new Map<string, number>();

  async function post(kind: string, url: string, body: unknown, timeoutMs: number) {
    const result = await postJson(url, body, { timeoutMs, signal: ctx.signal });
    ctx.record('mpesa', { kind, url, transId: (body as { TransID: string }).TransID, ...result });
    return result;
  }

  async function settle(p: Payment, reg: Registration): Promise<void> {
    const transId = newReceiptNumber();
    const base = {
      TransactionType: p.commandId === 'CustomerPayBillOnline' ? 'Pay Bill' : 'Buy Goods',
      TransID: transId,
      TransTime: String(transactionDate()),
      TransAmount: p.version === 'v2' ? p.amount.toFixed(2) : String(p.amount),
      BusinessShortCode: p.shortcode,
      BillRefNumber: p.billRef,
      InvoiceNumber: '',
      OrgAccountBalance: '',
      ThirdPartyTransID: '',
      MSISDN: `${p.msisdn.slice(0, 5)}****${p.msisdn.slice(-3)}`,
      FirstName: 'John',
      MiddleName: '',
      LastName: 'Doe',
    };
    let thirdPartyTransId = '';
    if (cfg.c2bValidation) {
      // The merchant has ~8 s; silence or an error applies the registered default ResponseType.
      const result = await post('c2b-validation', reg.validationUrl, base, 8000);
      const reply = result.ok ? safeJson(result.body) : undefined;
      const code = reply?.ResultCode;
      const acceptedByMerchant = reply ? code === 0 || code === '0' : reg.responseType === 'Completed';
      if (!acceptedByMerchant) {
        ctx.record('mpesa', { kind: 'c2b-outcome', transId, amount: p.amount, paidAmount: 0, accepted: false, resultCode: code });
        return;
      }
      thirdPartyTransId = typeof reply?.ThirdPartyTransID === 'string' ? reply.ThirdPartyTransID : '';
    }
    const balance = (balances.get(p.shortcode) ?? 0) + p.amount;
    balances.set(p.shortcode, balance);
    ctx.record('mpesa', { kind: 'c2b-outcome', transId, shortcode: p.shortcode, amount: p.amount, paidAmount: p.amount, accepted: true });
    const confirmation = { ...base, OrgAccountBalance: balance.toFixed(2), ThirdPartyTransID: thirdPartyTransId };
    await post('c2b-confirmation', reg.confirmationUrl, confirmation, cfg.callbackTimeoutMs);
  }

  return {
    async register(req: IncomingMessage, raw: string): Promise<Reply> {
      const body = jsonBody(req, raw);
      if (!body.ok) return errors.invalidField('ShortCode');
      const parsed = parseRegistration(body.value);
      if (!parsed.ok) return parsed.reply;
      const { shortcode, ...registration } = parsed.value;
      registrations.set(shortcode, registration); // the sandbox allows re-registering, like Daraja's
      return accepted('success');
    },
    async simulate(req: IncomingMessage, raw: string, version: Payment['version']): Promise<Reply> {
      const body = jsonBody(req, raw);
      if (!body.ok) return errors.invalidField('ShortCode');
      const parsed = parsePayment(body.value, version);
      if (!parsed.ok) return parsed.reply;
      const reg = registrations.get(parsed.value.shortcode);
      // Sandbox choice (upstream behaviour unknown): simulating before registering is an error.
      if (!reg) return darajaError(400, '400.002.02', 'Bad Request - Invalid ShortCode: no URLs registered');
      ctx.later(cfg.outcomeDelayMs, () => settle(parsed.value, reg));
      return accepted('Accept the service request successfully.');
    },
    /** Registered URLs survive a reset, like tokens: the app registers them once at start. */
    reset() {
      balances.clear();
    },
  };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
