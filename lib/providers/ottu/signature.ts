// Ottu webhook signatures, exactly as ottu-py's verify_signature (providers.md §3.8): the 18-field
// flat form, or the 26-field subscription form; either one matching is enough.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNED_FIELDS = [
  'amount', 'currency_code', 'customer_address_city', 'customer_address_country', 'customer_address_line1',
  'customer_address_line2', 'customer_address_postal_code', 'customer_address_state', 'customer_email',
  'customer_first_name', 'customer_last_name', 'customer_phone', 'gateway_account', 'gateway_name', 'order_no',
  'reference_number', 'result', 'state',
] as const;

export const SUBSCRIPTION_SIGNED_FIELDS = [
  ...SIGNED_FIELDS, 'agreement.id', 'extra.autopay.subscription_id', 'extra.merchant_id', 'payment_type',
  'session_id', 'token.customer_id', 'token.pg_code', 'token.token',
].sort();

/** Python's str(): JSON true/false/null print as True/False/None; the rest as JS prints them. */
function pyStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Only missing keys, null and "" are skipped: "0" is signed. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function resolve(payload: Record<string, unknown>, path: string): unknown {
  let node: unknown = payload;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const hmac = (key: string, msg: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(msg, 'utf8').digest('hex');

export function calculateSignature(payload: Record<string, unknown>, key: string): string {
  const parts = [...SIGNED_FIELDS].sort().filter((k) => present(payload[k])).map((k) => `${k}${pyStr(payload[k])}`);
  return hmac(key, parts.join(''));
}

export function calculateSubscriptionSignature(payload: Record<string, unknown>, key: string): string {
  const parts = SUBSCRIPTION_SIGNED_FIELDS.map((p) => [p, resolve(payload, p)] as const)
    .filter(([, v]) => present(v))
    .map(([p, v]) => `${p}=${pyStr(v)}`);
  return hmac(key, parts.join('\n'));
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signature travels in the body's `signature` field; missing or non-string is unverified. */
export function verifyOttuSignature(payload: Record<string, unknown>, key: string): boolean {
  const signature = payload.signature;
  if (typeof signature !== 'string' || signature === '' || key === '') return false;
  return same(calculateSignature(payload, key), signature) || same(calculateSubscriptionSignature(payload, key), signature);
}
