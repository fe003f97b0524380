// Ottu webhook signatures, the way ottu-py's verify_signature checks them (providers.md §3.8).
// The sandbox's own signing path (the app verifies with lib/providers/ottu/signature.ts): the
// 18-field flat form for one-off payments and operations, the 26-field subscription form for
// auto-debit and save-card payments (which one real Ottu uses when is not documented).
import { createHmac } from 'node:crypto';

const FLAT_FIELDS = [
  'amount', 'currency_code', 'customer_address_city', 'customer_address_country', 'customer_address_line1',
  'customer_address_line2', 'customer_address_postal_code', 'customer_address_state', 'customer_email',
  'customer_first_name', 'customer_last_name', 'customer_phone', 'gateway_account', 'gateway_name', 'order_no',
  'reference_number', 'result', 'state',
];
const SUBSCRIPTION_FIELDS = [
  ...FLAT_FIELDS, 'agreement.id', 'extra.autopay.subscription_id', 'extra.merchant_id', 'payment_type',
  'session_id', 'token.customer_id', 'token.pg_code', 'token.token',
].sort();

type Json = Record<string, unknown>;

/** Python's str() of a JSON value, as the signer on Ottu's side prints it. */
function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const signed = (v: unknown) => v !== undefined && v !== null && v !== '';

function lookup(payload: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' && !Array.isArray(node) ? (node as Json)[key] : undefined), payload);
}

const hmacHex = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');

export function flatSignature(payload: Json, key: string): string {
  const message = [...FLAT_FIELDS].sort().filter((f) => signed(payload[f])).map((f) => f + pythonStr(payload[f])).join('');
  return hmacHex(key, message);
}

export function subscriptionSignature(payload: Json, key: string): string {
  const message = SUBSCRIPTION_FIELDS.filter((p) => signed(lookup(payload, p))).map((p) => `${p}=${pythonStr(lookup(payload, p))}`).join('\n');
  return hmacHex(key, message);
}

export function signOttuPayload<T extends Json>(payload: T, key: string, form: 'flat' | 'subscription'): T & { signature: string } {
  const { signature: _old, ...unsigned } = payload as Json;
  void _old;
  const signature = form === 'flat' ? flatSignature(unsigned, key) : subscriptionSignature(unsigned, key);
  return { ...(unsigned as T), signature };
}
