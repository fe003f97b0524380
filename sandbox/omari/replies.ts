// Omari's answers: `{error, message, responseCode}` with string codes ("000" = success). Codes
// follow the ISO-8583-style map from the Laravel port (UNCONFIRMED); the messages are ours.
import type { OmariConfig } from './config';

export interface Reply {
  status: number;
  body: unknown;
}

export const CODES = {
  ok: '000',
  invalidMerchant: '003',
  invalidTransaction: '012',
  notFound: '025',
  duplicate: '026',
  formatError: '030',
  insufficientFunds: '051',
  invalidOtp: '055',
  otpTriesExceeded: '075',
  otpExpired: '091',
  systemMalfunction: '096',
} as const;

export type FailureCode = Exclude<(typeof CODES)[keyof typeof CODES], '000'>;

export interface Failure {
  code: FailureCode;
  message: string;
}

export const ok = (message: string, extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { error: false, message, responseCode: CODES.ok, ...extra },
});

/** HTTP status for a failure; see omariErrorHttpStatus in config.ts. */
function statusFor(code: FailureCode, cfg: OmariConfig): number {
  if (code === CODES.invalidMerchant) return 401;
  if (code === CODES.systemMalfunction) return 500;
  if (cfg.errorHttpStatus === 200) return 200;
  return code === CODES.notFound ? 404 : cfg.errorHttpStatus;
}

export const fail = (f: Failure, cfg: OmariConfig): Reply => ({
  status: statusFor(f.code, cfg),
  body: { error: true, message: f.message, responseCode: f.code },
});

export const FAILURES = {
  invalidMerchantKey: { code: CODES.invalidMerchant, message: 'Invalid merchant key' },
  systemMalfunction: { code: CODES.systemMalfunction, message: 'System malfunction' },
  notFound: { code: CODES.notFound, message: 'Transaction not found' },
  duplicateReference: { code: CODES.duplicate, message: 'Duplicate transaction reference' },
  alreadyCompleted: { code: CODES.duplicate, message: 'Duplicate transaction: payment already completed' },
  alreadyVoided: { code: CODES.duplicate, message: 'Duplicate transaction: already voided' },
  notVoidable: { code: CODES.invalidTransaction, message: 'Transaction cannot be voided' },
  voided: { code: CODES.invalidTransaction, message: 'Transaction voided' },
  invalidOtp: { code: CODES.invalidOtp, message: 'Invalid OTP' },
  otpExpired: { code: CODES.otpExpired, message: 'OTP expired' },
  otpTriesExceeded: { code: CODES.otpTriesExceeded, message: 'OTP tries exceeded' },
  insufficientFunds: { code: CODES.insufficientFunds, message: 'Insufficient funds' },
} satisfies Record<string, Failure>;

export const formatError = (message: string): Failure => ({ code: CODES.formatError, message });

/** Unknown paths: vsuite is a Spring application, so its default 404 body. */
export const routeNotFound = (path: string): Reply => ({
  status: 404,
  body: { timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path },
});
