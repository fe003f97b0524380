// Magic phone numbers: the PhoneNumber of an STK push picks its outcome, like a test card.
// The real Daraja sandbox has no such numbers (providers.md §1.7); these exist for our tests.
import type { MagicNumber } from '../types';

/** Official ResultDesc texts (providers.md §1.4). */
export const RESULT_DESC = {
  0: 'The service request is processed successfully.',
  1: 'The balance is insufficient for the transaction.',
  1001: 'Unable to lock subscriber, a transaction is already in process for the current subscriber',
  1019: 'Transaction has expired.',
  1032: 'Request cancelled by user',
  1037: 'DS timeout user cannot be reached',
  2001: 'The initiator information is invalid.',
  /** Seen on STK query against Daraja in 2026 while the prompt is still open (HTTP 200). */
  4999: 'The transaction is still under processing',
} as const;

export type ResultCode = keyof typeof RESULT_DESC;

/** How the outcome reaches the merchant. */
export type Delivery =
  | 'once' // one callback (the documented default)
  | 'none' // callback lost; only STK query tells the truth
  | 'duplicate' // the same callback, N times concurrently
  | 'contradict' // success, then a late 1037 for the same CheckoutRequestID
  | 'early_failure'; // a 1037 callback at once (before the shopper answered), then the real outcome

export interface Outcome {
  resultCode: ResultCode;
  delivery: Delivery;
  /** Subtracted from the Amount in the callback only (amount-mismatch tests). */
  amountShortfall?: number;
}

export interface Scenario {
  msisdn: string;
  description: string;
  /** The push itself fails with HTTP 500 500.003.02; no transaction is created. */
  pushFails?: boolean;
  /** Push and query answers are delayed by slowMs. */
  slow?: boolean;
  /** While the prompt is open, STK query answers HTTP 200 ResultCode "4999" (not the older HTTP 500). */
  openQuery4999?: boolean;
  /** `pushNumber` counts pushes to this number since the last reset, starting at 1. */
  outcome(pushNumber: number): Outcome;
}

const result = (resultCode: ResultCode, delivery: Delivery = 'once'): Outcome => ({ resultCode, delivery });

const SCENARIOS: Scenario[] = [
  { msisdn: '254708374149', description: 'Success after outcomeDelayMs (Daraja test number).', outcome: () => result(0) },
  { msisdn: '254700000000', description: 'Success after outcomeDelayMs.', outcome: () => result(0) },
  { msisdn: '254700000001', description: 'Insufficient funds: ResultCode 1.', outcome: () => result(1) },
  { msisdn: '254700000002', description: 'Cancelled by the shopper: ResultCode 1032.', outcome: () => result(1032) },
  { msisdn: '254700000003', description: 'No answer: ResultCode 1037 (DS timeout).', outcome: () => result(1037) },
  { msisdn: '254700000004', description: 'Wrong PIN: ResultCode 2001.', outcome: () => result(2001) },
  {
    msisdn: '254700000005',
    description: 'Callback lost: no callback is ever sent, STK query answers success ("0").',
    outcome: () => result(0, 'none'),
  },
  {
    msisdn: '254700000006',
    description: 'Duplicate callbacks: the success callback is POSTed mpesaDuplicateCount (5) times at once.',
    outcome: () => result(0, 'duplicate'),
  },
  {
    msisdn: '254700000007',
    description: 'Late contradictory callback: success, then ~1 s later a 1037 callback; query keeps saying success.',
    outcome: () => result(0, 'contradict'),
  },
  {
    msisdn: '254700000008',
    description: 'Provider 5xx on push: HTTP 500 500.003.02 "System is busy"; nothing is created.',
    pushFails: true,
    outcome: () => result(0),
  },
  {
    msisdn: '254700000009',
    description: 'Slow provider: push and query answers take slowMs, then success.',
    slow: true,
    outcome: () => result(0),
  },
  { msisdn: '254700000010', description: 'Expired: ResultCode 1019.', outcome: () => result(1019) },
  {
    msisdn: '254700000011',
    description: 'Amount mismatch: success callback with Amount one less than requested; query says "0".',
    outcome: () => ({ ...result(0), amountShortfall: 1 }),
  },
  {
    msisdn: '254700000012',
    description: 'Cancelled (1032) on the first push to this number, success on every later push (until reset).',
    outcome: (pushNumber) => result(pushNumber === 1 ? 1032 : 0),
  },
  {
    msisdn: '254700000013',
    description: 'Another transaction in progress: ResultCode 1001 (unable to lock subscriber).',
    outcome: () => result(1001),
  },
  {
    msisdn: '254700000014',
    description: 'Still open: while the prompt waits, STK query answers HTTP 200 ResultCode "4999"; success after outcomeDelayMs.',
    openQuery4999: true,
    outcome: () => result(0),
  },
  {
    msisdn: '254700000015',
    description: 'Early failure: a 1037 callback arrives at once, then the shopper approves (success callback; query says "0").',
    openQuery4999: true,
    outcome: () => result(0, 'early_failure'),
  },
];

const BY_MSISDN = new Map(SCENARIOS.map((s) => [s.msisdn, s]));

/** undefined → manual: the prompt waits on /phone for Approve/Decline or times out (1037). */
export function scenarioFor(msisdn: string): Scenario | undefined {
  return BY_MSISDN.get(msisdn);
}

export const MPESA_MAGIC_NUMBERS: MagicNumber[] = [
  ...SCENARIOS.map((s) => ({ msisdn: s.msisdn, outcome: s.description })),
  {
    msisdn: 'any other 2547XXXXXXXX / 2541XXXXXXXX',
    outcome: 'Manual: a prompt on /phone. Approve → success, Decline → 1032, no answer within promptTimeoutMs → 1037.',
  },
];
