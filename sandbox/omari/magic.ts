// Omari magic MSISDNs. A wrong OTP needs no magic number: type any code but the one in the inbox.
import type { MagicNumber } from '../types';

export type OmariScenario = 'success' | 'insufficient' | 'expired-otp' | 'provider-error' | 'slow';

const TABLE: { msisdn: string; scenario: OmariScenario; outcome: string }[] = [
  { msisdn: '263770000000', scenario: 'success', outcome: 'OTP by SMS; the right OTP gives Payment Success' },
  { msisdn: '263770000001', scenario: 'insufficient', outcome: '/request answers "051" Insufficient funds' },
  { msisdn: '263770000002', scenario: 'expired-otp', outcome: 'the OTP expires 1 s after it is sent: /request answers "091" OTP expired' },
  { msisdn: '263770000003', scenario: 'provider-error', outcome: '/auth answers HTTP 500 "096" System malfunction' },
  { msisdn: '263770000004', scenario: 'slow', outcome: 'every answer delayed by slowMs, then success' },
];

export const omariMagicNumbers: MagicNumber[] = TABLE.map(({ msisdn, outcome }) => ({ msisdn, outcome }));

/** Every other valid 2637XXXXXXXX number behaves like the success number. */
export function scenarioFor(msisdn: string): OmariScenario {
  return TABLE.find((row) => row.msisdn === msisdn)?.scenario ?? 'success';
}

/** The expired-OTP scenario's lifetime: long enough to read the SMS, too short to type it. */
export const EXPIRED_OTP_TTL_MS = 1000;
