// ClickPesa magic phone numbers: a fixed outcome per number, so tests never need the phone page.
import type { MagicNumber } from '../types';

export type ClickPesaScenario =
  | 'success'
  | 'rejected'
  | 'insufficient'
  | 'no-answer'
  | 'webhook-lost'
  | 'duplicate-webhooks'
  | 'provider-error'
  | 'slow'
  | 'manual';

const TABLE: { msisdn: string; scenario: ClickPesaScenario; outcome: string }[] = [
  { msisdn: '255700000000', scenario: 'success', outcome: 'SUCCESS; PAYMENT RECEIVED webhook after outcomeDelayMs' },
  { msisdn: '255700000001', scenario: 'rejected', outcome: 'FAILED "Transaction rejected by customer" (PAYMENT FAILED webhook)' },
  { msisdn: '255700000002', scenario: 'insufficient', outcome: 'FAILED "Insufficient balance" (PAYMENT FAILED webhook)' },
  { msisdn: '255700000003', scenario: 'no-answer', outcome: 'stays PROCESSING for promptTimeoutMs, then FAILED "No response from customer"' },
  { msisdn: '255700000004', scenario: 'webhook-lost', outcome: 'SUCCESS in the status query, but no webhook is ever sent' },
  { msisdn: '255700000005', scenario: 'duplicate-webhooks', outcome: 'SUCCESS; PAYMENT RECEIVED webhook posted 4 times' },
  { msisdn: '255700000006', scenario: 'provider-error', outcome: 'initiate answers HTTP 500 "Error validating fee, try again later"' },
  { msisdn: '255700000007', scenario: 'slow', outcome: 'preview/initiate/status answers delayed by slowMs, then SUCCESS' },
];

export const clickpesaMagicNumbers: MagicNumber[] = TABLE.map(({ msisdn, outcome }) => ({ msisdn, outcome }));

/** Any number not in the table gets a prompt on the sandbox phone page. */
export function scenarioFor(phoneNumber: string): ClickPesaScenario {
  return TABLE.find((row) => row.msisdn === phoneNumber)?.scenario ?? 'manual';
}
