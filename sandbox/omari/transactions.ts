// Omari's record of one OTP payment, its identifiers, and the /query view of it.
import { randomBytes, randomInt } from 'node:crypto';
import type { OmariScenario } from './magic';
import type { Failure } from './replies';
import type { Channel, Currency } from './validation';

export type OmariStatus = 'Pending' | 'Success' | 'Failed';

export interface OmariTransaction {
  reference: string;
  msisdn: string;
  amount: number;
  currency: Currency;
  channel: Channel;
  scenario: OmariScenario;
  otp: string;
  otpReference: string;
  otpExpiresAt: number;
  wrongOtpAttempts: number;
  status: OmariStatus;
  /** Set once the payment failed; later confirmations replay it. */
  failure: Failure | undefined;
  voided: boolean;
  paymentReference: string | undefined;
  debitReference: string | undefined;
  created: Date;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const UPPER_ALNUM = `${UPPER}0123456789`;
const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

export const newOtp = () => String(randomInt(1_000_000)).padStart(6, '0');
/** Shown to the shopper next to the OTP field so they can match the SMS, e.g. "ETDC". */
export const newOtpReference = () => pick(UPPER, 4);
/** e.g. H5PSKURANNR1LKS7AJ0KV50KZG */
export const newPaymentReference = () => pick(UPPER_ALNUM, 26);
/** e.g. bc54b38257cf */
export const newDebitReference = () => randomBytes(6).toString('hex');

/**
 * The documented sample "2024-09-20T16:27:40" has no zone; we render Harare time (UTC+2, no DST),
 * which is what a Zimbabwean server most plausibly prints.
 */
export function harareTimestamp(at: Date): string {
  return new Date(at.getTime() + 2 * 3600_000).toISOString().slice(0, 19);
}

/** GET /query/{reference}. Voided payments show as "Failed" (plus `voided`), since the status set is UNCONFIRMED. */
export function queryView(t: OmariTransaction) {
  const message = t.status === 'Success' ? 'Success' : t.status === 'Pending' ? 'Awaiting OTP confirmation' : t.failure?.message ?? 'Failed';
  return {
    error: false,
    message,
    status: t.status,
    responseCode: '000',
    reference: t.reference,
    amount: t.amount,
    currency: t.currency,
    channel: t.channel,
    ...(t.paymentReference ? { paymentReference: t.paymentReference, debitReference: t.debitReference } : {}),
    ...(t.voided ? { voided: true } : {}),
    created: harareTimestamp(t.created),
  };
}
