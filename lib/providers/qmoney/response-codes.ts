// Qmoney responseCode (string or number on the wire, normalised to a string) → our outcome and
// words for the shopper. Only "1" is success (openIMIS' rule); codes from providers.md §5.4.
import type { ProviderOutcome } from '../types';

export const QMONEY_OK = '1';

const SHOPPER: Record<string, string> = {
  '-120008': 'Your Qmoney wallet balance is not enough for this payment. Top up, then try again.',
  '-150005': 'The code was wrong.',
  '-150001': 'We could not confirm this payment with Qmoney yet. We are checking it; you will not be charged twice.',
};

export function describeQmoneyCode(code: string | null | undefined): string {
  return code && Object.hasOwn(SHOPPER, code) ? (SHOPPER[code] ?? '') : 'Qmoney could not complete the payment. Please try again.';
}

/**
 * verifyCode's answer → outcome. -150005 is both "wrong OTP" and (UNCONFIRMED) "OTP expired";
 * Qmoney gives them one code, so the message is the only thing that tells them apart.
 * -150001 means the session is gone: after a confirmation whose answer we lost, the money may
 * have moved, so the outcome is unknown (processing), never failed.
 */
export function verifyOutcome(code: string, message: string, transactionId: string): ProviderOutcome {
  if (code === QMONEY_OK) return { status: 'success', code, providerStatus: '1', receipt: transactionId, providerTransactionId: transactionId };
  if (code === '-150005') {
    return /expired/i.test(message) ? { status: 'expired', code: 'otp_expired', message, providerStatus: code } : { status: 'processing', wrongOtp: true, code, message };
  }
  if (code === '-150001') return { status: 'processing', code, message, providerStatus: code };
  return { status: 'failed', code, message, providerStatus: code };
}
