// Daraja ResultCode → our status and words a shopper understands. Codes arrive as numbers in
// callbacks and as strings in STK query answers; both are normalised to strings first.
// Only the codes providers.md §1.4 documents as final are final: any other code (4999 "still
// under processing", or one nobody has seen yet) leaves the attempt open and queried.
import type { OutcomeStatus } from '../types';

interface ResultCodeInfo {
  status: OutcomeStatus;
  shopper: string;
  /** false: a code we do not know; never a verdict, flagged for a person and still queried. */
  known: boolean;
}

type Final = { status: Exclude<OutcomeStatus, 'processing'>; shopper: string };

const RESULT_CODES: Record<string, Final> = {
  '0': { status: 'success', shopper: 'Payment received. Thank you!' },
  '1': { status: 'failed', shopper: 'Your M-Pesa balance is not enough for this payment. Top up or use Fuliza, then try again.' },
  '2': { status: 'failed', shopper: 'The amount is below the M-Pesa minimum.' },
  '3': { status: 'failed', shopper: 'The amount is above your M-Pesa transaction limit.' },
  '4': { status: 'failed', shopper: 'This payment would pass your daily M-Pesa limit.' },
  '8': { status: 'failed', shopper: 'This payment would pass the maximum M-Pesa balance.' },
  '17': { status: 'failed', shopper: 'M-Pesa refused a repeat of the same payment so soon. Wait two minutes and try again.' },
  '26': { status: 'failed', shopper: 'M-Pesa is busy right now. Please try again in a minute.' },
  '1001': { status: 'failed', shopper: 'Another M-Pesa payment is in progress on your phone. Finish or cancel it, wait a minute, then try again.' },
  '1019': { status: 'expired', shopper: 'The M-Pesa request expired before it was completed. Try again and answer the prompt promptly.' },
  '1025': { status: 'failed', shopper: 'M-Pesa could not send the prompt to your phone. Please try again.' },
  '1031': { status: 'cancelled', shopper: 'You cancelled the M-Pesa request on your phone.' },
  '1032': { status: 'cancelled', shopper: 'You cancelled the M-Pesa request on your phone.' },
  '1037': { status: 'failed', shopper: 'We could not reach your phone. Check it is on and has signal, then try again.' },
  '2001': { status: 'failed', shopper: 'The M-Pesa PIN entered was wrong. Try again with the correct PIN.' },
  '2028': { status: 'failed', shopper: 'This M-Pesa payment is not allowed for this merchant. Please contact the shop.' },
  '8006': { status: 'failed', shopper: 'M-Pesa refused the request. Please try again later.' },
  SFC_IC0003: { status: 'failed', shopper: 'This M-Pesa payment is not allowed for this merchant. Please contact the shop.' },
  '9999': { status: 'failed', shopper: 'M-Pesa could not send the prompt to your phone. Please try again.' },
};

/** Documented as "not final yet" (STK query while the prompt is open, seen in 2026). */
const STILL_PROCESSING = new Set(['4999']);

const WAITING = 'We are still waiting for M-Pesa to confirm this payment. Do not pay again.';

export function describeResultCode(code: string | number): ResultCodeInfo {
  const key = String(code).trim();
  // hasOwn: a code such as "constructor" must not find Object.prototype's members.
  const final = Object.hasOwn(RESULT_CODES, key) ? RESULT_CODES[key] : undefined;
  if (final) return { ...final, known: true };
  return { status: 'processing', shopper: WAITING, known: STILL_PROCESSING.has(key) };
}
