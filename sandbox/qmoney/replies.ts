// Qmoney's answers, byte for byte as asserted by the UAT contract tests (providers.md §5): note the
// responseCodes that are strings in some rows and numbers in others, the "parmater" typo and the
// trailing space after VERIFYOTP_REQUEST. Do not "fix" them.

export interface Reply {
  status: number;
  body: unknown;
}

const ok200 = (body: unknown): Reply => ({ status: 200, body });
const result = (responseCode: string | number, responseMessage: string): Reply => ok200({ responseCode, responseMessage });

/** Spring Boot's default error body. */
export const springError = (status: number, error: string, path: string): Reply => ({
  status,
  body: { timestamp: new Date().toISOString(), status, error, path },
});

export const OAUTH = {
  fullAuthRequired: (): Reply => ({
    status: 401,
    body: { error: 'unauthorized', error_description: 'Full authentication is required to access this resource' },
  }),
  cannotConvert: (): Reply => ({ status: 401, body: { error: 'invalid_token', error_description: 'Cannot convert access token to JSON' } }),
  expired: (token: string): Reply => ({ status: 401, body: { error: 'invalid_token', error_description: `Access token expired: ${token}` } }),
  /** /login without any Authorization header: Spring's own 401. */
  noAuthorization: (path: string, full: boolean): Reply => ({
    status: 401,
    body: full
      ? { timestamp: new Date().toISOString(), status: 401, error: 'Unauthorized', message: 'Unauthorized', path }
      : { error: 'Unauthorized', message: 'Unauthorized', status: 401 },
  }),
};

export const LOGIN = {
  success: (data: Record<string, unknown>) => ok200({ responseCode: '1', responseMessage: 'Success', data }),
  invalidGrantType: () => result('-5100006', 'Invalid Nonce Block Node'),
  missing: (param: 'GrantType' | 'UserName' | 'Password') => result(-150008, `Mandatory parameter is missing : ${param}`),
  unknownUser: (username: string) => result(-150024, `UserAccount not found from cache. UserIdentifier : ${username}`),
  wrongPassword: () => result('-5100002', 'Invalid username or password'),
};

export const GET_MONEY = {
  otpSent: (transactionId: string) => ok200({ responseCode: '1', responseMessage: 'OTP Send Successfully', data: { transactionId } }),
};

export const VERIFY = {
  success: (transactionId: string, balanceData: unknown[]) =>
    ok200({ data: { transactionId, balanceData }, responseCode: '1', responseMessage: 'Success' }),
  insufficient: (payer: string) =>
    ok200({
      data: { balanceData: [{}] },
      responseCode: '-120008',
      responseMessage: `Balance not sufficient for PouchExId : EMONEY_POUCH , userIdentifier : ${payer}`,
    }),
  otpFailed: (txn: string) => result('-150005', `Two factor OTP validation fail for transactionId : ${txn}`),
  /** Our choice: the OTP lifetime is UNCONFIRMED, so expiry reuses -150005 with its own text. */
  otpExpired: (txn: string) => result('-150005', `OTP expired for transactionId : ${txn}`),
  missingTransactionId: () => result(-20002, 'Mandatory parmater missing : transactionId'),
  sessionNotFound: (txn: string) =>
    result(-150001, `Adapter Session Not Found session id : ${txn} event : CLIENT_ADAPTER_VERIFYOTP_REQUEST `),
  /** getMoney accepted a body it should not have (UAT laxness); verifyCode is where it fails. */
  missingParameter: (param: string) => result(-150008, `Mandatory parameter is missing : ${param}`),
  unknownUser: (id: string) => result(-150024, `UserAccount not found from cache. UserIdentifier : ${id}`),
};
