// One error type with stable codes, thrown by the domain and translated to HTTP in one place
// (lib/api/respond.ts). Messages are written for the merchant's developer reading the response.

export const ERROR_STATUS = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  /** OTP entry: wrong code (tries left in details), code expired, tries spent. */
  otp_invalid: 422,
  otp_expired: 410,
  otp_locked: 409,
  provider_unavailable: 503,
  provider_rejected: 502,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const invalid = (field: string, message: string) => new AppError('validation_error', `${field} ${message}`, field);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
