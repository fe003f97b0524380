// The one interface every provider implements. The payment service only ever talks to this, so
// a new provider is a new folder (with its manifest.ts) plus its id here and a line in catalog.ts.
import type { CountryCode } from 'libphonenumber-js';
import type { Currency } from '@/lib/payments/money';

export const PROVIDER_IDS = ['mpesa', 'clickpesa', 'omari', 'qmoney', 'ottu'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** One HTTP exchange with a provider, written (redacted) to the payment's event log. */
export interface ProviderExchange {
  kind: 'request' | 'response' | 'error';
  summary: string;
  httpStatus?: number;
  payload?: unknown;
}

export interface ProviderCallContext {
  record(exchange: ProviderExchange): Promise<void>;
}

/** What a provider needs to know about the attempt it is asked to start or check. */
export interface ProviderPayment {
  id: string;
  amountMinor: number;
  currency: Currency;
  msisdn: string | null;
  providerReference: string | null;
  /** Short text shown to the shopper on the prompt (order reference). */
  accountReference: string;
  /** The merchant's reference for this attempt (defaults to the order reference). */
  reference: string | null;
  /** Set when this attempt replaces an earlier one (retry, OTP resend). */
  retryOf: string | null;
  description: string;
  notes: Record<string, unknown>;
  /** Our status of the attempt when it is asked about (a query's "not found" means little while the code is awaited). */
  status?: string;
  /** When the attempt was created: a "not found" right after the start may only be the provider's lag. */
  createdAt?: Date;
}

export type OutcomeStatus = 'success' | 'failed' | 'cancelled' | 'expired' | 'processing';

/** A provider's word on an attempt, from a query, an OTP confirmation or a verified webhook. */
export interface ProviderOutcome {
  status: OutcomeStatus;
  code?: string;
  message?: string;
  receipt?: string;
  providerTransactionId?: string;
  providerStatus?: string;
  /** The amount the provider says it collected, when it says so. */
  amountMinor?: number;
  /**
   * confirmOtp only, with status `processing`: the provider refused the code as wrong and still
   * waits for the right one (the caller counts the try).
   */
  wrongOtp?: boolean;
  /** Provider details worth keeping on the payment (e.g. Omari's debitReference). */
  notes?: Record<string, unknown>;
  /**
   * With status `processing`: the provider answered with a code it does not document. Never a
   * verdict: the attempt stays open, is flagged `unknown_result_code` and is still queried.
   */
  unknownCode?: boolean;
  /** An unsigned callback's word that the provider's own status query has confirmed. */
  confirmed?: boolean;
}

/**
 * What the shopper (or the merchant's system for them) must do for a started attempt: approve a
 * push on the phone, enter the code that was texted, or go to the provider's hosted page and
 * come back to `returnUrl`.
 */
export type NextAction = { type: 'prompt' } | { type: 'otp' } | { type: 'redirect'; url: string; returnUrl: string };

export type InitiateResult =
  | {
      status: 'processing' | 'awaiting_otp';
      providerReference: string;
      merchantRequestId?: string;
      otpReference?: string;
      providerStatus?: string;
      /** Seconds the shopper has to answer the prompt or enter the OTP. */
      answerWithinSeconds: number;
      /** What happens next; kept on the payment (notes.nextAction) for the API's `next_action`. */
      nextAction: NextAction;
      notes?: Record<string, unknown>;
    }
  | { status: 'failed'; code: string; message: string; providerReference?: string };

export interface PaymentProvider {
  id: ProviderId;
  displayName: string;
  flow: 'push' | 'otp' | 'redirect';
  country: CountryCode;
  currencies: readonly Currency[];
  /** A message naming what is wrong with the amount for this provider, or null. */
  checkAmount(amountMinor: number, currency: Currency): string | null;
  /**
   * Provider rules on the request itself (phone format, reference shape), checked before any
   * row is written or call made: the field at fault and why, or null.
   */
  checkRequest?(request: { msisdn: string; currency: Currency; reference: string | null }): { field: string; message: string } | null;
  /** The merchant's reference is the provider's own key, taken once (Omari): a reused one is refused before any call. */
  takesEachReferenceOnce?: boolean;
  /** Seconds a sent OTP stays usable (OTP providers). */
  otpSeconds?: number;
  initiate(payment: ProviderPayment, ctx: ProviderCallContext): Promise<InitiateResult>;
  query(payment: ProviderPayment, ctx: ProviderCallContext): Promise<ProviderOutcome>;
  confirmOtp?(payment: ProviderPayment, otp: string, ctx: ProviderCallContext): Promise<ProviderOutcome>;
  /**
   * The reference the provider will know this attempt by, when we choose it ourselves (ClickPesa's
   * orderReference): lets an attempt whose initiate answer was lost still be queried.
   */
  provisionalReference?(payment: ProviderPayment): string;
  /** Plain-words explanation of a failure code for the shopper. */
  shopperMessage(outcome: { status: string; code?: string | null }): string;
}

/** The provider could not be reached or answered nonsense: the outcome is unknown, not failed. */
export class ProviderUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
    /**
     * True when the request may have reached the provider and been acted on (a timeout, a
     * dropped connection, a gateway error): the attempt must stay open and be reconciled,
     * never be failed, because the shopper may already be paying.
     */
    readonly outcomeUnknown = false,
  ) {
    super(message);
  }
}

/** The provider refused the request for a reason worth showing (validation, credentials). */
export class ProviderRejectedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
