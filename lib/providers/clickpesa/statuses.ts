// ClickPesa payment statuses → ours, and shopper wording for failures. ClickPesa reports every
// failure as FAILED with a free-text message, so the status never depends on the text; the text
// only picks the words we show the shopper (a wrong guess costs clearer copy, never money).
import type { OutcomeStatus } from '../types';

/** providers.md §2.4. ON-HOLD needs the merchant's action at ClickPesa: still open for us. */
const STATUS_MAP: Record<string, OutcomeStatus> = {
  SUCCESS: 'success',
  SETTLED: 'success',
  PROCESSING: 'processing',
  PENDING: 'processing',
  'ON-HOLD': 'processing',
  FAILED: 'failed',
};

/** Unknown statuses are treated as "not final yet": unknown is never failed, never paid. */
export function mapClickPesaStatus(status: string): OutcomeStatus {
  const key = status.trim().toUpperCase();
  return Object.hasOwn(STATUS_MAP, key) ? (STATUS_MAP[key] ?? 'processing') : 'processing';
}

export type ClickPesaFailureCode = 'insufficient_balance' | 'rejected_by_customer' | 'no_response' | 'failed';

const FAILURE_PATTERNS: [RegExp, ClickPesaFailureCode][] = [
  [/insufficient|balance/i, 'insufficient_balance'],
  [/reject|cancel|declin/i, 'rejected_by_customer'],
  [/no response|timeout|timed out|expired/i, 'no_response'],
];

export function failureCodeFor(message: string | undefined): ClickPesaFailureCode {
  if (!message) return 'failed';
  return FAILURE_PATTERNS.find(([pattern]) => pattern.test(message))?.[1] ?? 'failed';
}

const SHOPPER: Record<string, string> = {
  insufficient_balance: 'Your mobile money balance is not enough for this payment. Top up, then try again.',
  rejected_by_customer: 'The payment was declined on your phone. You have not been charged; try again when ready.',
  no_response: 'The request on your phone timed out before it was approved. Try again and enter your PIN when the prompt appears.',
  http_400: 'ClickPesa could not send a request to this number. Use an M-Pesa, Airtel Money, Mixx by Yas (Tigo Pesa) or Halopesa number.',
  http_404: 'ClickPesa cannot collect payments for this shop right now. Please use another method.',
  method_unavailable: 'Your mobile money network is not available through ClickPesa right now. Try again later or use another number.',
  clickpesa_auth_failed: 'ClickPesa is not available right now. Please use another method.',
};

export function clickPesaShopperMessage(outcome: { status: string; code?: string | null }): string {
  if (outcome.code && Object.hasOwn(SHOPPER, outcome.code)) return SHOPPER[outcome.code] as string;
  return 'ClickPesa could not complete the payment. You have not been charged; please try again.';
}
