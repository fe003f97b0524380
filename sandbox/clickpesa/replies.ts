// Every ClickPesa answer the simulator can give, in ClickPesa's own shapes. Service errors are
// `{message}`; DTO/pipe errors are NestJS-style `{statusCode, message: [...], error}` like the
// observed "Invalid checksum" body, so undocumented validation errors follow that pattern too.

export interface Reply {
  status: number;
  body: unknown;
  /** Extra facts for the ledger only (never sent), e.g. which client asked for a token. */
  ledger?: Record<string, unknown>;
}

export const reply = (status: number, body: unknown): Reply => ({ status, body });

export const messageReply = (status: number, message: string): Reply => reply(status, { message });

export const unauthorized = (): Reply => messageReply(401, 'Unauthorized');

export const badRequestPipe = (messages: string[]): Reply =>
  reply(400, { statusCode: 400, message: messages, error: 'Bad Request' });

export const invalidChecksum = (): Reply => badRequestPipe(['Invalid checksum']);

/** What NestJS answers for a route it does not have. */
export const routeNotFound = (method: string, path: string): Reply =>
  reply(404, { message: `Cannot ${method} ${path}`, error: 'Not Found', statusCode: 404 });

export const ERRORS = {
  invalidClient: 'Invalid client details',
  invalidApiKey: 'Invalid or Expired API-Key',
  invalidPhone: 'Invalid / unsupported phone number',
  invalidOrderReference: 'Invalid Order Reference, should only contain alphanumeric characters and cannot be blank',
  feeValidation: 'Error validating fee, try again later',
  referenceUsed: (ref: string) => `Order reference ${ref} already used: Create a different reference`,
  paymentNotFound: (ref: string) => `Invalid or missing payment: ${ref}`,
} as const;
