// Request validation for STK push and query, in Daraja's order and with Daraja's error bodies
// (providers.md §1.3 and §1.9). Numbers and numeric strings are both accepted, as upstream does.
import type { IncomingMessage } from 'node:http';
import type { MpesaConfig } from './config';
import { darajaError, errors, type Reply } from './wire';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

export interface StkPushRequest {
  shortcode: string;
  transactionType: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  amount: number;
  partyA: string;
  partyB: string;
  phoneNumber: string;
  callbackUrl: string;
  accountReference: string;
  transactionDesc?: string;
}

type Body = Record<string, unknown>;
const invalid = (field: string): Parsed<never> => ({ ok: false, reply: errors.invalidField(field) });

/** A JSON number or a string of digits, returned as a string of `min`..`max` digits. */
function digitString(v: unknown, min: number, max: number): string | undefined {
  const s = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
  return typeof s === 'string' && new RegExp(`^\\d{${min},${max}}$`).test(s) ? s : undefined;
}

const MSISDN = /^254[71]\d{8}$/;
const msisdn = (v: unknown) => {
  const s = digitString(v, 12, 12);
  return s && MSISDN.test(s) ? s : undefined;
};

function amount(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 250_000 ? n : undefined;
}

function httpUrl(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const url = new URL(v);
    // Safaricom requires https; the sandbox also allows http so a local app can receive callbacks.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The JSON object body. Without `Content-Type: application/json` Daraja cannot read the body and
 * answers "Invalid BusinessShortCode" (official FAQ); an unparseable body gets the same answer.
 */
export function jsonBody(req: IncomingMessage, raw: string): Parsed<Body> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().includes('application/json')) return invalid('BusinessShortCode');
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ok: true, value: parsed as Body };
  } catch {
    // fall through
  }
  return invalid('BusinessShortCode');
}

/** BusinessShortCode + Password + Timestamp, shared by push and query. */
export function checkCredentials(b: Body, cfg: MpesaConfig): Parsed<{ shortcode: string }> {
  const shortcode = digitString(b.BusinessShortCode, 5, 7);
  if (!shortcode) return invalid('BusinessShortCode');
  if (typeof b.Password !== 'string' || b.Password.trim() === '') return invalid('Password');
  const timestamp = digitString(b.Timestamp, 14, 14);
  if (!timestamp) return invalid('Timestamp');
  // Exact live messages are UNCONFIRMED; the code 500.001.1001 is what adapters should read.
  if (shortcode !== cfg.shortcode) return { ok: false, reply: darajaError(500, '500.001.1001', 'Merchant does not exist') };
  const decoded = Buffer.from(b.Password, 'base64').toString('utf8');
  if (decoded !== shortcode + cfg.passkey + timestamp) {
    return { ok: false, reply: darajaError(500, '500.001.1001', 'Wrong credentials') };
  }
  return { ok: true, value: { shortcode } };
}

export function parseStkPush(b: Body, cfg: MpesaConfig): Parsed<StkPushRequest> {
  const creds = checkCredentials(b, cfg);
  if (!creds.ok) return creds;

  const transactionType = b.TransactionType;
  if (transactionType !== 'CustomerPayBillOnline' && transactionType !== 'CustomerBuyGoodsOnline') {
    return invalid('TransactionType');
  }
  const amt = amount(b.Amount);
  if (amt === undefined) return invalid('Amount');
  const partyA = msisdn(b.PartyA);
  if (!partyA) return invalid('PartyA');
  const partyB = digitString(b.PartyB, 5, 7);
  if (!partyB) return invalid('PartyB');
  const phoneNumber = msisdn(b.PhoneNumber);
  if (!phoneNumber) return invalid('PhoneNumber');
  const callbackUrl = httpUrl(b.CallBackURL);
  if (!callbackUrl) return invalid('CallBackURL');
  const ref = typeof b.AccountReference === 'number' ? String(b.AccountReference) : b.AccountReference;
  // Daraja documents 12 and 13 characters but accepts longer values (seen live): no stricter here.
  if (typeof ref !== 'string' || ref.trim() === '') return invalid('AccountReference');
  const desc = b.TransactionDesc;
  // Documented as optional, but a missing one is refused as "Invalid Remarks" (seen live).
  if (typeof desc !== 'string' || desc.trim() === '') return { ok: false, reply: darajaError(400, '400.002.02', 'Bad Request - Invalid Remarks') };

  return {
    ok: true,
    value: {
      shortcode: creds.value.shortcode,
      transactionType,
      amount: amt,
      partyA,
      partyB,
      phoneNumber,
      callbackUrl,
      accountReference: ref,
      transactionDesc: typeof desc === 'string' ? desc : undefined,
    },
  };
}
