// Daraja wire details: the generic error body, and identifiers in the shapes Safaricom uses.
import { randomBytes, randomInt } from 'node:crypto';

/** What a handler answers; simulator.ts writes it and records it in the ledger. */
export interface Reply {
  status: number;
  body: unknown;
}

const hex = (chars: number) => randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars);
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

/** Newer-style ids, e.g. "2654-4b64-97ff-b827b542881d3130" (MerchantRequestID, requestId). */
export function newRequestId(): string {
  return `${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}${digits(4)}`;
}

/** `{requestId, errorCode, errorMessage}`: the error shape of every Daraja API. */
export function darajaError(status: number, errorCode: string, errorMessage: string, requestId = newRequestId()): Reply {
  return { status, body: { requestId, errorCode, errorMessage } };
}

export const errors = {
  invalidToken: () => darajaError(404, '404.001.03', 'Invalid Access Token'),
  notFound: () => darajaError(404, '404.001.01', 'Resource not found'),
  methodNotAllowed: () => darajaError(405, '405.001', 'Method Not Allowed'),
  invalidField: (field: string) => darajaError(400, '400.002.02', `Bad Request - Invalid ${field}`),
  systemBusy: () => darajaError(500, '500.003.02', 'System is busy. Please try again in few minutes.'),
  locked: () =>
    darajaError(500, '500.001.1001', 'Unable to lock subscriber, a transaction is already in process for the current subscriber'),
};

/** Nairobi is UTC+3 all year (no DST), so a fixed offset is exact. */
function nairobiParts(at: Date) {
  const t = new Date(at.getTime() + 3 * 3600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    yyyy: p(t.getUTCFullYear(), 4), mm: p(t.getUTCMonth() + 1), dd: p(t.getUTCDate()),
    hh: p(t.getUTCHours()), mi: p(t.getUTCMinutes()), ss: p(t.getUTCSeconds()), ms: p(t.getUTCMilliseconds(), 3),
  };
}

/** YYYYMMDDHHmmss in Africa/Nairobi, as a number: the callback's TransactionDate. */
export function transactionDate(at = new Date()): number {
  const p = nairobiParts(at);
  return Number(`${p.yyyy}${p.mm}${p.dd}${p.hh}${p.mi}${p.ss}`);
}

/** "ws_CO_" + DDMMYYYYHHmmss (Nairobi) + digits, e.g. ws_CO_1007202409152617172396192. */
export function newCheckoutRequestId(at = new Date()): string {
  const p = nairobiParts(at);
  return `ws_CO_${p.dd}${p.mm}${p.yyyy}${p.hh}${p.mi}${p.ss}${p.ms}${digits(8)}`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

/** 10 uppercase alphanumerics starting with a letter, e.g. NLJ7RT61SV. */
export function newReceiptNumber(): string {
  let out = LETTERS[randomInt(LETTERS.length)] ?? 'S';
  for (let i = 0; i < 9; i++) out += ALNUM[randomInt(ALNUM.length)] ?? '0';
  return out;
}

/** Opaque bearer token, same look as Daraja's (28 alphanumerics). */
export function newAccessToken(): string {
  let out = '';
  for (let i = 0; i < 28; i++) out += (LETTERS + LETTERS.toLowerCase() + '0123456789')[randomInt(62)] ?? 'x';
  return out;
}
