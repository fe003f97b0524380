// Format checks for Omari request bodies. Every failure is responseCode "030" (FORMAT_ERROR); the
// message names the field so a developer can fix the call without reading our source.
import { formatError, type Failure } from './replies';

export type Currency = 'USD' | 'ZWG';
export type Channel = 'WEB' | 'POS';

export interface AuthInput {
  msisdn: string;
  reference: string;
  amount: number;
  currency: Currency;
  channel: Channel;
}

export interface ConfirmInput {
  msisdn: string;
  reference: string;
  otp: string;
}

type Parsed<T> = { ok: true; input: T } | { ok: false; failure: Failure };

const MSISDN = /^2637\d{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Two decimal places at most, checked on the number's own shortest representation. */
const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;

const bad = <T>(message: string): Parsed<T> => ({ ok: false, failure: formatError(message) });

function checkIdentity(body: Record<string, unknown>): string | null {
  if (typeof body.msisdn !== 'string' || !MSISDN.test(body.msisdn)) return 'Invalid msisdn: expected 2637XXXXXXXX';
  if (typeof body.reference !== 'string' || !UUID.test(body.reference)) return 'Invalid reference: expected a UUID';
  return null;
}

export function parseAuth(body: Record<string, unknown>): Parsed<AuthInput> {
  const identity = checkIdentity(body);
  if (identity) return bad(identity);
  const { amount, currency, channel } = body;
  // Omari takes a JSON number; a string amount is a client bug worth surfacing in development.
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || !AMOUNT.test(String(amount))) {
    return bad('Invalid amount: expected a positive number with at most 2 decimals');
  }
  if (currency !== 'USD' && currency !== 'ZWG') return bad('Invalid currency: expected USD or ZWG');
  if (channel !== 'WEB' && channel !== 'POS') return bad('Invalid channel: expected WEB or POS');
  return { ok: true, input: { msisdn: body.msisdn as string, reference: body.reference as string, amount, currency, channel } };
}

export function parseConfirm(body: Record<string, unknown>): Parsed<ConfirmInput> {
  const identity = checkIdentity(body);
  if (identity) return bad(identity);
  if (typeof body.otp !== 'string' || body.otp.trim() === '') return bad('Invalid otp: expected the code from the SMS as a string');
  return { ok: true, input: { msisdn: body.msisdn as string, reference: body.reference as string, otp: body.otp.trim() } };
}

export function parseVoid(body: Record<string, unknown>): Parsed<{ reference: string }> {
  if (typeof body.reference !== 'string' || !UUID.test(body.reference)) return bad('Invalid reference: expected a UUID');
  return { ok: true, input: { reference: body.reference } };
}

export const isReference = (value: string) => UUID.test(value);
