// Omari responseCode → our status and words for the shopper. "000" is the only success; the
// other codes follow the ISO-8583-style map of the Laravel port (UNCONFIRMED, providers.md §4.3).
import type { OutcomeStatus } from '../types';

interface CodeInfo {
  status: Exclude<OutcomeStatus, 'processing'>;
  shopper: string;
}

export const OMARI_OK = '000';
export const OMARI_WRONG_OTP = '055';
/** Answers to /request that settle nothing: "006" error, "009" request in progress, "096" system malfunction. */
export const OMARI_UNSETTLED: ReadonlySet<string> = new Set(['006', '009', '096']);

const CODES: Record<string, CodeInfo> = {
  '001': { status: 'failed', shopper: 'Omari asks you to contact them about this payment.' },
  '005': { status: 'failed', shopper: 'Omari declined the payment.' },
  '012': { status: 'failed', shopper: 'Omari could not process this payment. Please start again.' },
  '013': { status: 'failed', shopper: 'Omari did not accept the amount.' },
  '026': { status: 'failed', shopper: 'Omari saw this payment twice and refused the repeat. Please start again.' },
  '051': { status: 'failed', shopper: 'Your Omari balance is not enough for this payment. Top up, then try again.' },
  '055': { status: 'failed', shopper: 'The code was wrong.' },
  '057': { status: 'failed', shopper: 'Your Omari account cannot make this payment.' },
  '061': { status: 'failed', shopper: 'This payment is above your Omari limit.' },
  '075': { status: 'failed', shopper: 'Too many wrong codes. Please start again to get a new code.' },
  '091': { status: 'expired', shopper: 'The code expired before it was used. Ask for a new code.' },
  '096': { status: 'failed', shopper: 'Omari is having trouble right now. You have not been charged; please try again in a minute.' },
};

const GENERIC: CodeInfo = { status: 'failed', shopper: 'Omari could not complete the payment. Please try again.' };

export function describeOmariCode(code: string): CodeInfo {
  return Object.hasOwn(CODES, code) ? (CODES[code] ?? GENERIC) : GENERIC;
}
