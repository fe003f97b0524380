// The payment lifecycle. Public status names follow ClickPesa's API. Every change is applied
// as a compare-and-set (UPDATE ... WHERE status IN (allowed sources)), see payment-store.ts.

export const PAYMENT_STATUSES = [
  'pending',
  'processing',
  'awaiting_otp',
  'authorized',
  'success',
  'failed',
  'cancelled',
  'expired',
  'refunded',
  'partially_refunded',
  'voided',
] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  // pending → success: the provider's verified word for an attempt whose start answer we never
  // stored (a crash during the call); it did start, and it was paid.
  pending: ['processing', 'awaiting_otp', 'success', 'failed', 'cancelled', 'expired'],
  // processing → awaiting_otp: the provider refused an OTP as wrong and waits for the next one.
  processing: ['success', 'failed', 'cancelled', 'expired', 'authorized', 'awaiting_otp'],
  awaiting_otp: ['processing', 'success', 'failed', 'cancelled', 'expired'],
  authorized: ['success', 'voided', 'failed', 'expired'],
  success: ['refunded', 'partially_refunded'],
  partially_refunded: ['refunded', 'partially_refunded'],
  // Only for a failure taken from an unsigned callback, later overruled by the provider's own
  // query (apply-outcome.ts decides when; no other path moves a failure).
  failed: ['success'],
  cancelled: ['success'],
  // `expired` is our own verdict when a provider stayed silent; if the provider later confirms it
  // collected the money, the payment must still succeed (money taken is never lost).
  expired: ['success'],
  refunded: [],
  voided: [],
};

/** States in which the shopper's money is settled one way or the other. */
export const TERMINAL_STATUSES: readonly PaymentStatus[] = [
  'success',
  'failed',
  'cancelled',
  'expired',
  'refunded',
  'partially_refunded',
  'voided',
];

/** States in which the provider may still report an outcome (reconciler and polls ask). */
export const OPEN_STATUSES: readonly PaymentStatus[] = ['pending', 'processing', 'awaiting_otp', 'authorized'];

export function isTerminal(status: PaymentStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Every status from which `to` may be reached: the WHERE clause of the compare-and-set. */
export function sourcesOf(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((from) => canTransition(from, to));
}

/** Statuses a shopper may start a new attempt from. */
export function isRetryable(status: PaymentStatus): boolean {
  return status === 'failed' || status === 'cancelled' || status === 'expired';
}
