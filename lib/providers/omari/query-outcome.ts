// What a non-"000" answer to Omari's status query means for the attempt. Omari's query codes are
// UNCONFIRMED beyond "025" (not found), and several are transient ("009" request in progress,
// "096" system malfunction): failing a payment on them could fail one that went through, so
// only a "not found" that cannot be a lag counts as failed. Everything else is unknown.
import type { ProviderOutcome } from '../types';

export const OMARI_NOT_FOUND = '025';

/** How long after the start a "not found" may still be Omari catching up with our /auth. */
export const OMARI_NOT_FOUND_GRACE_MS = 2 * 60_000;

export function omariQueryRefusalOutcome(
  refusal: { code: string; message: string },
  payment: { status?: string; createdAt?: Date },
  now = Date.now(),
): ProviderOutcome {
  const pastGrace = payment.createdAt !== undefined && now - payment.createdAt.getTime() > OMARI_NOT_FOUND_GRACE_MS;
  // A code still being awaited is live at Omari (its /auth was accepted): a "not found" then is
  // Omari's problem, not a verdict, and must not kill the shopper's attempt.
  if (refusal.code === OMARI_NOT_FOUND && pastGrace && payment.status !== 'awaiting_otp') {
    return { status: 'failed', code: refusal.code, message: refusal.message, providerStatus: refusal.code };
  }
  return { status: 'processing', code: refusal.code, message: refusal.message };
}
