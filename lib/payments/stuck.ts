// When is an open payment "stuck"? When its prompt or OTP stopped being answerable a while ago
// and still no final word came (the reconciler keeps asking, but a human should look). The SQL
// twin of this rule lives in list-payments.ts (`needsAttention`); keep them in step.

/** Statuses in which we are still waiting for the shopper or the provider. */
export const WAITING_STATUSES = ['pending', 'processing', 'awaiting_otp'] as const;

/** Past the prompt's expiry (or creation, when it has none) by this much. */
export const STUCK_AFTER_MS = 5 * 60_000;

export function isStuck(payment: { status: string; expiresAt: Date | null; createdAt: Date }, now = new Date()): boolean {
  if (!(WAITING_STATUSES as readonly string[]).includes(payment.status)) return false;
  const since = payment.expiresAt ?? payment.createdAt;
  return now.getTime() - since.getTime() > STUCK_AFTER_MS;
}

/** Values of payments.attention, with what they mean to an operator. */
export const ATTENTION_REASONS: Record<string, string> = {
  amount_mismatch: 'The provider reported a different amount than was asked',
  contradictory_callback: 'A late callback contradicted the final status',
  overpaid: 'The order received more than its total',
};
