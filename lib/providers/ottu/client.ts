// Ottu's HTTP API (providers.md §3): checkout sessions, inquiry, payment methods and operations.
// Cards and auto-debit live in cards.ts. Each answer is zod-parsed; states map through states.ts,
// so an unknown state is `processing`, never a verdict.
import 'server-only';
import type { z } from 'zod';
import type { ProviderCallContext, OutcomeStatus } from '../types';
import { fromOttuAmount, toOttuAmount, type OttuCurrency } from './amount';
import { checkOttuAttachment, type OttuAttachment } from './attachment';
import type { OttuConfig } from './config';
import { OttuRequestError, classifyOttuError, describeOttuError } from './errors';
import { refuseOttuOperation, type OperationContext, type OttuOperation } from './operation-rules';
import { ottuCall } from './request';
import { ottuOperationSchema, ottuPaymentMethodsSchema, ottuPaymentResultSchema, ottuSessionSchema, type OttuPaymentMethod } from './schemas';
import { mapOttuState } from './states';

export { deleteCard, listCards, chargeSavedCard } from './cards';

const CHECKOUT = '/b/checkout/v1/pymt-txn/';

export interface OttuCustomer {
  id?: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
}

export interface CreateSessionInput {
  amountMinor: number;
  currency: OttuCurrency;
  orderNo: string;
  webhookUrl: string;
  redirectUrl: string;
  customer?: OttuCustomer;
  /** "DD HH:MM:SS"; Ottu's default is 24 hours. */
  expirationTime?: string;
  language?: 'en' | 'ar';
  paymentType?: 'one_off' | 'auto_debit' | 'save_card';
  /** Required by Ottu with payment_type auto_debit. */
  agreement?: Record<string, unknown>;
  /** Defaults to the configured pg codes. */
  pgCodes?: string[];
}

export interface OttuSession {
  sessionId: string;
  checkoutUrl: string | null;
  state: string;
  outcome: OutcomeStatus;
  amountMinor: number;
  currency: string;
  orderNo: string | null;
  attachment: string | null;
  raw: z.infer<typeof ottuSessionSchema>;
}

export interface OttuPaymentResult {
  sessionId: string;
  orderNo: string | null;
  state: string;
  outcome: OutcomeStatus;
  result: string | null;
  referenceNumber: string | null;
  amountMinor: number | null;
  cardToken: string | null;
  raw: z.infer<typeof ottuPaymentResultSchema>;
}

export function toSession(raw: z.infer<typeof ottuSessionSchema>, currency: OttuCurrency): OttuSession {
  return {
    sessionId: raw.session_id,
    checkoutUrl: raw.checkout_url ?? null,
    state: raw.state,
    outcome: mapOttuState(raw.state),
    amountMinor: fromOttuAmount(raw.amount, currency),
    currency: raw.currency_code,
    orderNo: raw.order_no ?? null,
    attachment: raw.attachment ?? null,
    raw,
  };
}

export function toPaymentResult(raw: z.infer<typeof ottuPaymentResultSchema>, currency: OttuCurrency): OttuPaymentResult {
  return {
    sessionId: raw.session_id,
    orderNo: raw.order_no ?? null,
    state: raw.state,
    outcome: mapOttuState(raw.state),
    result: raw.result ?? null,
    referenceNumber: raw.reference_number ?? null,
    amountMinor: raw.amount === null || raw.amount === undefined ? null : fromOttuAmount(raw.amount, currency),
    cardToken: raw.token?.token ?? null,
    raw,
  };
}

/** An answer we cannot read after Ottu may have acted is an unknown outcome, not a failure. */
export function unreadable(label: string, status: number): Error {
  return classifyOttuError({ status: 502, body: { detail: `unreadable answer (HTTP ${status})` } }, label, true);
}

export async function createCheckoutSession(config: OttuConfig, input: CreateSessionInput, ctx: ProviderCallContext | null): Promise<OttuSession> {
  const c = input.customer ?? {};
  const body = {
    type: config.paymentType,
    amount: toOttuAmount(input.amountMinor, input.currency),
    currency_code: input.currency,
    pg_codes: input.pgCodes ?? config.pgCodes,
    payment_type: input.paymentType ?? 'one_off',
    order_no: input.orderNo,
    webhook_url: input.webhookUrl,
    redirect_url: input.redirectUrl,
    language: input.language ?? 'en',
    ...(input.expirationTime ? { expiration_time: input.expirationTime } : {}),
    ...(c.id ? { customer_id: c.id } : {}),
    ...(c.email ? { customer_email: c.email } : {}),
    ...(c.phone ? { customer_phone: c.phone } : {}),
    ...(c.firstName ? { customer_first_name: c.firstName } : {}),
    ...(c.lastName ? { customer_last_name: c.lastName } : {}),
    ...(input.agreement ? { agreement: input.agreement } : {}),
  };
  const label = 'Ottu create session';
  const res = await ottuCall(config, { method: 'POST', path: CHECKOUT, label, body }, ctx);
  if (res.status !== 201 && res.status !== 200) throw classifyOttuError(res, label, true);
  const parsed = ottuSessionSchema.safeParse(res.body);
  if (!parsed.success) throw unreadable(label, res.status);
  return toSession(parsed.data, input.currency);
}

/** The session, or null when Ottu has none (404). */
export async function getCheckoutSession(config: OttuConfig, sessionId: string, currency: OttuCurrency, ctx: ProviderCallContext | null): Promise<OttuSession | null> {
  const label = 'Ottu retrieve session';
  const res = await ottuCall(config, { method: 'GET', path: `${CHECKOUT}${encodeURIComponent(sessionId)}/`, label }, ctx);
  if (res.status === 404) return null;
  const parsed = ottuSessionSchema.safeParse(res.body);
  if (res.status === 200 && parsed.success) return toSession(parsed.data, currency);
  throw res.status === 200 ? unreadable(label, res.status) : classifyOttuError(res, label, false);
}

async function patchSession(config: OttuConfig, sessionId: string, currency: OttuCurrency, ctx: ProviderCallContext | null, patch: { body?: unknown; multipart?: Parameters<typeof ottuCall>[1]['multipart'] }, label: string) {
  const res = await ottuCall(config, { method: 'PATCH', path: `${CHECKOUT}${encodeURIComponent(sessionId)}/`, label, ...patch }, ctx);
  const parsed = ottuSessionSchema.safeParse(res.body);
  if (res.status === 200 && parsed.success) return toSession(parsed.data, currency);
  throw res.status === 200 ? unreadable(label, res.status) : classifyOttuError(res, label, true);
}

export function updateSessionAmount(config: OttuConfig, sessionId: string, amountMinor: number, currency: OttuCurrency, ctx: ProviderCallContext | null): Promise<OttuSession> {
  return patchSession(config, sessionId, currency, ctx, { body: { amount: toOttuAmount(amountMinor, currency) } }, 'Ottu update amount');
}

/** Checked (PDF, size, name) before anything is sent; Ottu takes attachments as multipart only. */
export async function attachToSession(config: OttuConfig, sessionId: string, file: OttuAttachment, currency: OttuCurrency, ctx: ProviderCallContext | null): Promise<OttuSession> {
  const checked = checkOttuAttachment(file);
  return patchSession(config, sessionId, currency, ctx, { multipart: { attachment: checked } }, 'Ottu attach file');
}

export async function listPaymentMethods(
  config: OttuConfig,
  currency: OttuCurrency,
  ctx: ProviderCallContext | null,
  opts: { customerId?: string; operation?: 'purchase' | 'authorize' } = {},
): Promise<OttuPaymentMethod[]> {
  const body = {
    plugin: config.paymentType,
    currencies: [currency],
    type: config.mode,
    ...(opts.customerId ? { customer_id: opts.customerId } : {}),
    ...(opts.operation ? { operation: opts.operation } : {}),
  };
  const label = 'Ottu payment methods';
  const res = await ottuCall(config, { method: 'POST', path: '/b/pbl/v2/payment-methods/', label, body }, ctx);
  const parsed = ottuPaymentMethodsSchema.safeParse(res.body);
  if (res.status === 200 && parsed.success) return parsed.data.payment_methods;
  throw res.status === 200 ? unreadable(label, res.status) : classifyOttuError(res, label, false);
}

export type OttuInquiry = { kind: 'result'; payment: OttuPaymentResult } | { kind: 'not_now'; status: number; message: string };

/**
 * Payment status query. Throttled (§3.4: nothing within 10 minutes of creation, then once per 30
 * minutes, 3 a day): the caller checks inquiry-throttle.ts first; a 429 or other refusal here is
 * "not now" (Ottu does not document the throttled answer), never a verdict on the payment.
 */
export async function inquirePayment(config: OttuConfig, ref: { sessionId: string } | { orderNo: string }, currency: OttuCurrency, ctx: ProviderCallContext | null): Promise<OttuInquiry> {
  const label = 'Ottu inquiry';
  const body = 'sessionId' in ref ? { session_id: ref.sessionId } : { order_no: ref.orderNo };
  const res = await ottuCall(config, { method: 'POST', path: '/b/pbl/v2/inquiry/', label, body }, ctx);
  const parsed = ottuPaymentResultSchema.safeParse(res.body);
  if (res.status === 200 && parsed.success) return { kind: 'result', payment: toPaymentResult(parsed.data, currency) };
  if (res.status === 429 || res.status === 400 || res.status === 423) return { kind: 'not_now', status: res.status, message: describeOttuError(res.body, res.status).message };
  throw res.status === 200 ? unreadable(label, res.status) : classifyOttuError(res, label, false);
}

export interface OperationInput {
  operation: OttuOperation;
  sessionId: string;
  currency: OttuCurrency;
  /** Capture and refund only; absent means the full (or remaining) amount. */
  amountMinor?: number;
  /** Sent as the Tracking-Key header (capture, refund, void): a retry with the same key is not a second operation. */
  trackingKey?: string;
  /** What we know of the session; when given, Ottu's state rules are checked before any call. */
  known?: OperationContext;
}

export interface OttuOperationResult {
  operation: OttuOperation;
  /** Ottu's word: true succeeded, false refused or failed at the gateway. */
  success: boolean;
  detail: string | null;
  referenceNumber: string | null;
  amountMinor: number | null;
  /** The child transaction's state (refunded, paid for a capture, voided), when external. */
  childState: string | null;
  raw: z.infer<typeof ottuOperationSchema>;
}

const EXTERNAL: readonly OttuOperation[] = ['capture', 'refund', 'void'];

export async function runOperation(config: OttuConfig, input: OperationInput, ctx: ProviderCallContext | null): Promise<OttuOperationResult> {
  const { operation } = input;
  const refusal = input.known ? refuseOttuOperation(operation, input.known) : null;
  if (refusal) throw new OttuRequestError('ottu_operation_refused', refusal, 409, {});
  if (input.amountMinor !== undefined && operation !== 'capture' && operation !== 'refund') throw new OttuRequestError('ottu_invalid_request', `amount applies to capture and refund only, not ${operation}`, 400, { amount: ['not allowed'] });
  if (EXTERNAL.includes(operation) && !input.trackingKey) throw new OttuRequestError('ottu_invalid_request', `${operation} needs a tracking key (idempotency)`, 400, { trackingKey: ['required'] });
  const body = {
    operation,
    session_id: input.sessionId,
    ...(input.amountMinor !== undefined ? { amount: toOttuAmount(input.amountMinor, input.currency) } : {}),
  };
  const label = `Ottu ${operation}`;
  const headers: Record<string, string> = EXTERNAL.includes(operation) && input.trackingKey ? { 'Tracking-Key': input.trackingKey } : {};
  const res = await ottuCall(config, { method: 'POST', path: '/b/pbl/v2/operation/', label, body, headers }, ctx);
  const parsed = ottuOperationSchema.safeParse(res.body);
  if ((res.status === 200 || res.status === 400) && parsed.success && parsed.data.result) {
    const o = parsed.data;
    return {
      operation,
      success: o.result === 'success' && o.success !== false,
      detail: o.detail ?? null,
      referenceNumber: o.reference_number ?? null,
      amountMinor: o.amount === null || o.amount === undefined ? null : fromOttuAmount(o.amount, input.currency),
      childState: o.txn?.state ?? null,
      raw: o,
    };
  }
  // An external operation cut off mid-way may have moved money: unknown, reconcile it.
  throw res.status === 200 ? unreadable(label, res.status) : classifyOttuError(res, label, EXTERNAL.includes(operation));
}
