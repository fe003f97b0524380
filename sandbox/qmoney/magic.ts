// Qmoney magic MSISDNs (the payer's userIdentifier). A wrong OTP needs no magic number.
import type { MagicNumber } from '../types';

export type QmoneyScenario = 'success' | 'insufficient' | 'provider-error' | 'slow' | 'expired-otp';

const TABLE: { msisdn: string; scenario: QmoneyScenario; outcome: string }[] = [
  { msisdn: '2207000000', scenario: 'success', outcome: 'OTP by SMS; verifyCode with it succeeds' },
  { msisdn: '2207000001', scenario: 'insufficient', outcome: 'verifyCode answers "-120008" Balance not sufficient' },
  { msisdn: '2207000002', scenario: 'provider-error', outcome: 'getMoney answers HTTP 500 (Spring "Internal Server Error")' },
  { msisdn: '2207000003', scenario: 'slow', outcome: 'getMoney and verifyCode delayed by slowMs, then success' },
  { msisdn: '2207000004', scenario: 'expired-otp', outcome: 'the OTP expires 1 s after it is sent ("-150005" OTP expired)' },
];

export const qmoneyMagicNumbers: MagicNumber[] = TABLE.map(({ msisdn, outcome }) => ({ msisdn, outcome }));

/** Every other payer behaves like the success number. */
export function scenarioFor(payer: string | undefined): QmoneyScenario {
  return TABLE.find((row) => row.msisdn === payer)?.scenario ?? 'success';
}

export const EXPIRED_OTP_TTL_MS = 1000;
