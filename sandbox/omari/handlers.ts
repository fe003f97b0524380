// One function per Omari endpoint (providers.md §4.2). Each returns a Reply; simulator.ts checks
// the merchant key, records the exchange and sends it.
import { timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../types';
import type { OmariConfig } from './config';
import { EXPIRED_OTP_TTL_MS, scenarioFor, type OmariScenario } from './magic';
import { FAILURES, fail, ok, type Failure, type Reply } from './replies';
import {
  newDebitReference,
  newOtp,
  newOtpReference,
  newPaymentReference,
  queryView,
  type OmariTransaction,
} from './transactions';
import { parseAuth, parseConfirm, parseVoid } from './validation';

export interface OmariState {
  ctx: SandboxContext;
  config(): OmariConfig;
  transactions: Map<string, OmariTransaction>;
}

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function maybeSlow(s: OmariState, scenario: OmariScenario): Promise<void> {
  if (scenario === 'slow') await s.ctx.sleep(s.config().slowMs);
}

function failTransaction(s: OmariState, t: OmariTransaction, failure: Failure): void {
  t.status = 'Failed';
  t.failure = failure;
  s.ctx.record('omari', { kind: 'outcome', reference: t.reference, status: t.status, responseCode: failure.code, message: failure.message });
}

/** There is no way to resend an OTP, so an expired one ends the payment. */
function expireIfDue(s: OmariState, t: OmariTransaction): void {
  if (t.status === 'Pending' && Date.now() > t.otpExpiresAt) failTransaction(s, t, FAILURES.otpExpired);
}

export async function auth(s: OmariState, body: Record<string, unknown>): Promise<Reply> {
  const cfg = s.config();
  const parsed = parseAuth(body);
  if (!parsed.ok) return fail(parsed.failure, cfg);
  const { input } = parsed;
  const scenario = scenarioFor(input.msisdn);
  if (scenario === 'provider-error') return fail(FAILURES.systemMalfunction, cfg);
  if (s.transactions.has(input.reference)) return fail(FAILURES.duplicateReference, cfg);

  const ttl = scenario === 'expired-otp' ? EXPIRED_OTP_TTL_MS : cfg.otpTtlMs;
  const t: OmariTransaction = {
    ...input,
    scenario,
    otp: newOtp(),
    otpReference: newOtpReference(),
    otpExpiresAt: Date.now() + ttl,
    wrongOtpAttempts: 0,
    status: 'Pending',
    failure: undefined,
    voided: false,
    paymentReference: undefined,
    debitReference: undefined,
    created: new Date(),
  };
  // Stored before any slow answer, so a retried /auth with the same reference meets "026".
  s.transactions.set(t.reference, t);
  s.ctx.phone.sendSms({ provider: 'omari', msisdn: t.msisdn, text: `Your Omari OTP is ${t.otp}. Ref ${t.otpReference}`, otp: t.otp });
  s.ctx.record('omari', { kind: 'otp-sent', reference: t.reference, msisdn: t.msisdn, otpReference: t.otpReference, expiresAt: new Date(t.otpExpiresAt).toISOString() });
  await maybeSlow(s, scenario);
  return ok('Auth Success', { otpReference: t.otpReference });
}

/** POST /request (and /requests): confirm the payment with the OTP from the SMS. */
export async function confirm(s: OmariState, body: Record<string, unknown>): Promise<Reply> {
  const cfg = s.config();
  const parsed = parseConfirm(body);
  if (!parsed.ok) return fail(parsed.failure, cfg);
  const { input } = parsed;
  const t = s.transactions.get(input.reference);
  // A reference paired with another number is as unknown as a reference never seen.
  if (!t || t.msisdn !== input.msisdn) return fail(FAILURES.notFound, cfg);
  await maybeSlow(s, t.scenario);

  expireIfDue(s, t);
  if (t.status === 'Success') return fail(FAILURES.alreadyCompleted, cfg);
  if (t.failure) return fail(t.failure, cfg);
  if (!sameCode(input.otp, t.otp)) {
    t.wrongOtpAttempts += 1;
    if (cfg.maxOtpAttempts > 0 && t.wrongOtpAttempts >= cfg.maxOtpAttempts) {
      failTransaction(s, t, FAILURES.otpTriesExceeded);
      return fail(FAILURES.otpTriesExceeded, cfg);
    }
    s.ctx.record('omari', { kind: 'wrong-otp', reference: t.reference, attempts: t.wrongOtpAttempts });
    return fail(FAILURES.invalidOtp, cfg);
  }
  if (t.scenario === 'insufficient') {
    failTransaction(s, t, FAILURES.insufficientFunds);
    return fail(FAILURES.insufficientFunds, cfg);
  }

  t.status = 'Success';
  t.paymentReference = newPaymentReference();
  t.debitReference = newDebitReference();
  s.ctx.record('omari', {
    kind: 'outcome',
    reference: t.reference,
    status: t.status,
    amount: t.amount,
    currency: t.currency,
    paymentReference: t.paymentReference,
    debitReference: t.debitReference,
  });
  return ok('Payment Success', { paymentReference: t.paymentReference, debitReference: t.debitReference });
}

export async function query(s: OmariState, reference: string): Promise<Reply> {
  const t = s.transactions.get(reference);
  if (!t) return fail(FAILURES.notFound, s.config());
  await maybeSlow(s, t.scenario);
  expireIfDue(s, t);
  return { status: 200, body: queryView(t) };
}

/** UNCONFIRMED endpoint: cancels a pending payment or reverses a successful one. */
export function voidPayment(s: OmariState, body: Record<string, unknown>): Reply {
  const cfg = s.config();
  const parsed = parseVoid(body);
  if (!parsed.ok) return fail(parsed.failure, cfg);
  const t = s.transactions.get(parsed.input.reference);
  if (!t) return fail(FAILURES.notFound, cfg);
  expireIfDue(s, t);
  if (t.voided) return fail(FAILURES.alreadyVoided, cfg);
  if (t.status === 'Failed') return fail(FAILURES.notVoidable, cfg);
  t.voided = true;
  failTransaction(s, t, FAILURES.voided);
  return ok('Transaction voided successfully');
}
