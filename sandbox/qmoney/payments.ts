// POST /getMoney and POST /verifyCode (providers.md §5.3, §5.4), after the bearer token check.
import { timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../types';
import type { QmoneyConfig } from './config';
import { EXPIRED_OTP_TTL_MS, scenarioFor } from './magic';
import { GET_MONEY, VERIFY, springError, type Reply } from './replies';
import { balanceData, newOtp, newTransactionId, readGetMoney, type GetMoneyProblem, type QmoneySession } from './transactions';

export interface QmoneyState {
  ctx: SandboxContext;
  config(): QmoneyConfig;
  sessions: Map<string, QmoneySession>;
  /** Payee wallet balances in minor units, shown back in verifyCode's balanceData. */
  balances: Map<string, number>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const sameOtp = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function getMoney(s: QmoneyState, body: unknown): Promise<Reply> {
  const cfg = s.config();
  const { payer, payee, amountMinor, problems } = readGetMoney(body);
  const scenario = scenarioFor(payer);
  if (scenario === 'provider-error') return springError(500, 'Internal Server Error', '/getMoney');

  const session: QmoneySession = {
    transactionId: newTransactionId(),
    payer,
    payee,
    amountMinor,
    scenario,
    otp: newOtp(),
    otpExpiresAt: Date.now() + (scenario === 'expired-otp' ? EXPIRED_OTP_TTL_MS : cfg.otpTtlMs),
    problems,
  };
  s.sessions.set(session.transactionId, session);
  // UAT answers "OTP Send Successfully" even to garbage; the ledger says what was wrong.
  if (problems.length > 0) s.ctx.record('qmoney', { kind: 'lax-accept', transactionId: session.transactionId, problems });
  if (payer) {
    s.ctx.phone.sendSms({ provider: 'qmoney', msisdn: payer, text: `Generated OTP : ${session.otp}`, otp: session.otp });
    s.ctx.record('qmoney', { kind: 'otp-sent', transactionId: session.transactionId, msisdn: payer, expiresAt: new Date(session.otpExpiresAt).toISOString() });
  }
  if (scenario === 'slow') await s.ctx.sleep(cfg.slowMs);
  return GET_MONEY.otpSent(session.transactionId);
}

function problemReply(problem: GetMoneyProblem): Reply {
  return problem.kind === 'missing' ? VERIFY.missingParameter(problem.param) : VERIFY.unknownUser(problem.id);
}

/** Accepts both the flat body (contract-tested in UAT) and the `{"data": {...}}` wrapper. */
function readVerify(body: unknown): { transactionId: string | undefined; otp: string | undefined } {
  const fields = isObject(body) ? (isObject(body.data) ? body.data : body) : {};
  const txn = fields.transactionId;
  const otp = fields.otp;
  return {
    transactionId: typeof txn === 'string' && txn.trim() !== '' ? txn.trim() : undefined,
    otp: typeof otp === 'string' || typeof otp === 'number' ? String(otp).trim() : undefined,
  };
}

/** A session ends with its first definitive answer; a replay then meets -150001. */
function close(s: QmoneyState, session: QmoneySession, outcome: Record<string, unknown>): void {
  s.sessions.delete(session.transactionId);
  s.ctx.record('qmoney', { kind: 'outcome', transactionId: session.transactionId, payer: session.payer, payee: session.payee, ...outcome });
}

export async function verifyCode(s: QmoneyState, body: unknown): Promise<Reply> {
  const { transactionId, otp } = readVerify(body);
  if (!transactionId) return VERIFY.missingTransactionId();
  const session = s.sessions.get(transactionId);
  if (!session) return VERIFY.sessionNotFound(transactionId);
  if (session.scenario === 'slow') await s.ctx.sleep(s.config().slowMs);
  // The session may have closed while we slept (a concurrent retry).
  if (s.sessions.get(transactionId) !== session) return VERIFY.sessionNotFound(transactionId);

  if (Date.now() > session.otpExpiresAt) return VERIFY.otpExpired(transactionId);
  // No lockout: UAT still accepted the right OTP after 20 wrong ones. The app keeps its own limit.
  if (!otp || !sameOtp(otp, session.otp)) {
    s.ctx.record('qmoney', { kind: 'wrong-otp', transactionId });
    return VERIFY.otpFailed(transactionId);
  }
  const [problem] = session.problems;
  if (problem) {
    close(s, session, { result: 'rejected', problem });
    return problemReply(problem);
  }
  const payer = session.payer ?? '';
  if (session.scenario === 'insufficient') {
    close(s, session, { result: 'insufficient-balance' });
    return VERIFY.insufficient(payer);
  }

  const payee = session.payee ?? '';
  const amountMinor = session.amountMinor ?? 0;
  const balance = (s.balances.get(payee) ?? 0) + amountMinor;
  s.balances.set(payee, balance);
  close(s, session, { result: 'success', amountMinor, payeeBalanceMinor: balance });
  return VERIFY.success(transactionId, balanceData(balance));
}
