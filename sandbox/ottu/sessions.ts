// A checkout session (payment transaction) as the simulator keeps it, and Ottu's views of it.
import { formatOttuAmount } from './amounts';
import { gatewayFor } from './gateways';

export interface SavedCard {
  token: string;
  customerId: string;
  pgCode: string;
  number: string;
  brand: string;
  expiryMonth: string;
  expiryYear: string;
  cardNumber: string;
}

export interface Session {
  sessionId: string;
  type: string;
  paymentType: string;
  amountMinor: number;
  currency: string;
  pgCodes: string[];
  orderNo: string | null;
  customer: Record<string, string>;
  webhookUrl: string | null;
  redirectUrl: string | null;
  language: string;
  expirationTime: string;
  expiresAt: number;
  agreement: Record<string, unknown> | null;
  extra: Record<string, unknown> | null;
  attachment: string | null;
  state: string;
  /** The last attempt's result (success, failed, error…). */
  result: string | null;
  message: string | null;
  pgCode: string | null;
  referenceNumber: string | null;
  capturedMinor: number;
  refundedMinor: number;
  token: SavedCard | null;
  createdAt: number;
  inquiries: number[];
  origin: string;
}

const OPEN = ['created', 'pending', 'attempted'];

/** Sessions expire lazily: whoever looks after expiresAt sees `expired`. */
export function refreshState(s: Session, now = Date.now()): void {
  if (OPEN.includes(s.state) && now > s.expiresAt) s.state = 'expired';
}

export function checkoutUrl(s: Session): string {
  return `${s.origin}/b/checkout/redirect/start/?session_id=${s.sessionId}`;
}

export function sessionView(s: Session) {
  const amount = formatOttuAmount(s.amountMinor, s.currency);
  const fee = formatOttuAmount(0, s.currency);
  return {
    session_id: s.sessionId,
    checkout_url: checkoutUrl(s),
    checkout_short_url: checkoutUrl(s),
    checkout_page_url: checkoutUrl(s),
    amount,
    currency_code: s.currency,
    state: s.state,
    type: s.type,
    operation: 'purchase',
    payment_type: s.paymentType,
    pg_codes: s.pgCodes,
    order_no: s.orderNo,
    expiration_time: s.expirationTime,
    language: s.language,
    customer_id: s.customer.customer_id ?? null,
    customer_email: s.customer.customer_email ?? null,
    customer_phone: s.customer.customer_phone ?? null,
    webhook_url: s.webhookUrl,
    redirect_url: s.redirectUrl,
    attachment: s.attachment,
    attachment_short_url: s.attachment,
    payment_methods: s.pgCodes.map((code) => {
      const g = gatewayFor(code);
      return { code, name: g?.name ?? code, pg: g?.pg ?? code, type: 'sandbox', amount, currency_code: s.currency, fee, fee_description: '', icon: '', flow: 'redirect', redirect_url: checkoutUrl(s) };
    }),
  };
}

function tokenView(card: SavedCard) {
  return { customer_id: card.customerId, pg_code: card.pgCode, token: card.token, brand: card.brand, number: card.number, expiry_month: card.expiryMonth, expiry_year: card.expiryYear };
}

/** The payment webhook body (also the inquiry and auto-debit answer), unsigned. */
export function paymentBody(s: Session): Record<string, unknown> {
  const amount = formatOttuAmount(s.amountMinor, s.currency);
  const paid = ['paid', 'authorized'].includes(s.state) ? amount : formatOttuAmount(0, s.currency);
  const g = s.pgCode ? gatewayFor(s.pgCode) : undefined;
  return {
    amount,
    amount_details: { amount, currency_code: s.currency, fee: formatOttuAmount(0, s.currency), total: amount },
    currency_code: s.currency,
    ...s.customer,
    fee: `${formatOttuAmount(0, s.currency)} ${s.currency}`,
    gateway_account: s.pgCode ?? '',
    gateway_name: g?.pg ?? '',
    gateway_response: s.result ? { result: s.result, message: s.message ?? '' } : {},
    is_sandbox: true,
    order_no: s.orderNo ?? '',
    paid_amount: paid,
    payment_type: s.paymentType,
    reference_number: s.referenceNumber ?? '',
    result: s.result ?? 'pending',
    session_id: s.sessionId,
    settled_amount: paid,
    state: s.state,
    timestamp_utc: new Date().toISOString().slice(0, 19).replace('T', ' '),
    ...(s.message ? { message: s.message } : {}),
    ...(s.extra ? { extra: s.extra } : {}),
    ...(s.agreement ? { agreement: s.agreement } : {}),
    ...(s.token ? { token: tokenView(s.token) } : {}),
  };
}

export function signatureForm(s: Session): 'flat' | 'subscription' {
  return s.paymentType === 'one_off' ? 'flat' : 'subscription';
}
