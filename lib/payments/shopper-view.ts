import 'server-only';
import type { Db } from '@/db';
import { getProviderForAttempt } from '@/lib/providers/registry';
import type { ProviderId } from '@/lib/providers/types';
import { formatMoney, type Currency } from './money';
import type { Payment } from './payment-store';
import { OTP_CODES, expireOtpIfDue } from './otp-close';
import { otpLimits, otpSendStatus } from './otp-limits';
import { paymentVersionOf } from './payment-changes';
import { triesLeftOf } from './otp-rules';
import { findPayment, type Payment as StoredPayment } from './payment-store';
import { maskMsisdn } from './phone';
import { isRetryable, isTerminal, type PaymentStatus } from './state-machine';

/** What the shopper's pages and the public status endpoint may show: nothing secret. */
export interface ShopperPaymentView {
  id: string;
  status: PaymentStatus;
  terminal: boolean;
  retryable: boolean;
  /** The provider never gave a final word: money may have moved, so offer no easy second try. */
  uncertain: boolean;
  /** Flagged for a person (amount mismatch, unknown code, …): no second attempt until it is settled. */
  underReview: boolean;
  provider: string;
  providerName: string;
  flow: 'push' | 'otp' | 'redirect';
  /** OTP payments: tries left on this code, and codes the phone may still be sent now. */
  otp: { triesLeft: number; sendsLeft: number; resendInSeconds: number } | null;
  amount: string;
  phone: string | null;
  receipt: string | null;
  otpReference: string | null;
  message: string;
  /** Milliseconds since the epoch when the prompt stops being answerable. */
  expiresAt: number | null;
  createdAt: number;
  orderId: string;
  /** The server's clock when this view was made: the page's first clock reading. */
  serverTime: number;
  /** Changes whenever the payment changes in a way this sheet shows: the long poll's `wait` token. */
  version: string;
}

export async function shopperViewOf(db: Db, stored: Payment): Promise<ShopperPaymentView> {
  // A code nobody entered in time is expired here too, not only by the background pass.
  const payment = (await expireOtpIfDue(db, stored)) ? ((await findPayment(db, stored.id)) ?? stored) : stored;
  const provider = await getProviderForAttempt(db, payment.provider as ProviderId);
  const status = payment.status as PaymentStatus;
  const flow = provider?.flow ?? 'push';
  return {
    id: payment.id,
    status,
    terminal: isTerminal(status),
    retryable: isRetryable(status),
    uncertain: UNCERTAIN_CODES.has(payment.failureCode ?? '') || UNCERTAIN_FLAGS.has(payment.attention ?? ''),
    underReview: payment.attention !== null,
    provider: payment.provider,
    providerName: provider?.displayName ?? payment.provider,
    flow,
    otp: flow === 'otp' ? await otpViewOf(db, payment) : null,
    amount: formatMoney(payment.amountMinor, payment.currency as Currency),
    phone: payment.msisdn ? maskMsisdn(payment.msisdn) : null,
    receipt: payment.receipt,
    otpReference: payment.otpReference,
    message: messageFor(status, payment, flow, provider?.shopperMessage),
    expiresAt: payment.expiresAt?.getTime() ?? null,
    createdAt: payment.createdAt.getTime(),
    orderId: payment.orderId,
    serverTime: Date.now(),
    version: paymentVersionOf(payment),
  };
}

async function otpViewOf(db: Db, payment: StoredPayment): Promise<ShopperPaymentView['otp']> {
  if (!payment.msisdn) return null;
  const allowance = await otpSendStatus(db, payment.msisdn);
  return { triesLeft: triesLeftOf(payment.otpAttempts, otpLimits().maxAttempts), sendsLeft: allowance.sendsLeft, resendInSeconds: allowance.retryAfterSeconds };
}

const OTP_MESSAGES: Record<string, string> = {
  [OTP_CODES.expired]: 'The code expired before it was entered. You have not been charged; ask for a new code.',
  [OTP_CODES.locked]: 'The code was wrong too many times, so this payment was stopped. You have not been charged; please start again.',
  [OTP_CODES.cancelled]: 'You cancelled this payment. You have not been charged.',
  [OTP_CODES.resent]: 'This code was replaced by a new one.',
  [OTP_CODES.orderSettled]: 'This order was already paid by another payment, so this one was stopped. You have not been charged.',
};

const UNCERTAIN_CODES = new Set(['no_final_status', 'not_sent']);
const UNCERTAIN_FLAGS = new Set(['initiate_unknown', 'unknown_outcome']);

function messageFor(status: PaymentStatus, payment: Payment, flow: string, explain?: (o: { status: string; code?: string | null }) => string): string {
  if (payment.failureCode && Object.hasOwn(OTP_MESSAGES, payment.failureCode)) return OTP_MESSAGES[payment.failureCode] ?? '';
  switch (status) {
    case 'success':
      return 'Payment received. Thank you!';
    case 'pending':
    case 'processing':
      if (flow === 'otp') return 'Checking your code…';
      return 'Check your phone and enter your PIN to approve the payment.';
    case 'awaiting_otp':
      return 'Enter the code we sent to your phone.';
    case 'expired':
      // Our own verdict after silence is not proof that no money moved: never promise "not charged".
      if (payment.failureCode === 'no_final_status' || payment.failureCode === 'not_sent') {
        // We may never know (a provider without a status query): promise a check, not a credit.
        return 'We did not get a final answer from the payment service in time. Please do not pay again yet: check your SMS, and if money left your account, the shop will match it to this order.';
      }
      return 'The request expired before it was completed. You have not been charged; try again.';
    default:
      if (payment.failureCode === 'provider_unavailable') return 'The payment service is not answering right now. You have not been charged; please try again in a minute.';
      return explain?.({ status, code: payment.failureCode }) ?? 'The payment did not go through. Please try again.';
  }
}
