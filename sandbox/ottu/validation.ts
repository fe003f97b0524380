// Checkout create/update checks with Django REST framework's own messages. As strict as Ottu's
// documented schema and no stricter: "20", "20.00" and "20.000" are all valid KWD.
import { PRECISION, parseOttuAmount } from './amounts';
import { gatewayFor } from './gateways';
import { REQUIRED, invalidChoice } from './replies';

export interface CheckoutInput {
  type: string;
  amountMinor: number;
  currency: string;
  pgCodes: string[];
  paymentType: string;
  orderNo: string | null;
  customer: Record<string, string>;
  webhookUrl: string | null;
  redirectUrl: string | null;
  language: string;
  expirationTime: string;
  expiresInMs: number;
  agreement: Record<string, unknown> | null;
  extra: Record<string, unknown> | null;
}

type Errors = Record<string, string[]>;
const CUSTOMER_FIELDS = ['customer_id', 'customer_email', 'customer_phone', 'customer_first_name', 'customer_last_name'];
const DURATION = /^(?:(\d{1,3}) )?(\d{1,2}):(\d{2}):(\d{2})$/;

function isUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

function choice(errors: Errors, body: Record<string, unknown>, field: string, allowed: string[], fallback?: string): string {
  const v = body[field] ?? fallback;
  if (v === undefined) errors[field] = [REQUIRED];
  else if (typeof v !== 'string' || !allowed.includes(v)) errors[field] = [invalidChoice(v)];
  return String(v);
}

function durationMs(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return (((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60 + Number(s)) * 1000;
}

export function validateCheckout(body: Record<string, unknown>): { ok: true; input: CheckoutInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const type = choice(errors, body, 'type', ['payment_request', 'e_commerce']);
  const paymentType = choice(errors, body, 'payment_type', ['one_off', 'auto_debit', 'save_card'], 'one_off');
  const language = choice(errors, body, 'language', ['en', 'ar'], 'en');
  const currency = body.currency_code;
  if (currency === undefined) errors.currency_code = [REQUIRED];
  else if (typeof currency !== 'string' || !(currency in PRECISION)) errors.currency_code = [`Currency ${String(currency)} is not supported.`];
  let amountMinor = 0;
  if (body.amount === undefined) errors.amount = [REQUIRED];
  else {
    const amount = parseOttuAmount(body.amount, typeof currency === 'string' ? currency : 'KWD');
    if (!amount.ok) errors.amount = [amount.message];
    else if (amount.minor <= 0) errors.amount = ['Ensure this value is greater than 0.'];
    else amountMinor = amount.minor;
  }
  const pgCodes = body.pg_codes;
  if (pgCodes === undefined) errors.pg_codes = [REQUIRED];
  else if (!Array.isArray(pgCodes) || pgCodes.length === 0) errors.pg_codes = ['This list may not be empty.'];
  else {
    const unknown = pgCodes.find((c) => typeof c !== 'string' || !gatewayFor(c));
    if (unknown !== undefined) errors.pg_codes = [`Object with code=${String(unknown)} does not exist.`];
  }
  const orderNo = body.order_no;
  if (orderNo !== undefined && orderNo !== null && (typeof orderNo !== 'string' || orderNo.length > 128)) errors.order_no = ['Ensure this field has no more than 128 characters.'];
  const customer: Record<string, string> = {};
  for (const f of CUSTOMER_FIELDS) if (typeof body[f] === 'string' && body[f] !== '') customer[f] = body[f] as string;
  if (customer.customer_email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(customer.customer_email)) errors.customer_email = ['Enter a valid email address.'];
  for (const f of ['webhook_url', 'redirect_url']) if (body[f] !== undefined && body[f] !== null && !isUrl(body[f])) errors[f] = ['Enter a valid URL.'];
  const expirationTime = typeof body.expiration_time === 'string' ? body.expiration_time : '1 00:00:00';
  const expiresInMs = durationMs(expirationTime);
  if (expiresInMs === null) errors.expiration_time = ['Duration has wrong format. Use one of these formats instead: [DD] [HH:[MM:]]ss[.uuuuuu].'];
  const agreement = body.agreement && typeof body.agreement === 'object' ? (body.agreement as Record<string, unknown>) : null;
  if (paymentType === 'auto_debit' && !agreement?.id) errors.agreement = [REQUIRED];
  if (paymentType !== 'one_off' && !customer.customer_id) errors.customer_id = [REQUIRED];
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      type, amountMinor, currency: currency as string, pgCodes: pgCodes as string[], paymentType,
      orderNo: typeof orderNo === 'string' ? orderNo : null, customer,
      webhookUrl: (body.webhook_url as string | undefined) ?? null, redirectUrl: (body.redirect_url as string | undefined) ?? null,
      language, expirationTime, expiresInMs: expiresInMs ?? 0, agreement,
      extra: body.extra && typeof body.extra === 'object' ? (body.extra as Record<string, unknown>) : null,
    },
  };
}
