// Qmoney simulator options, read from ctx.options on every request.
//
// | option                     | default              |
// |----------------------------|----------------------|
// | qmoneyBasicToken           | c2FuZGJveC1xbW9uZXk= |
// | qmoneyUsername             | sandbox-merchant     |
// | qmoneyPassword             | sandbox-password     |
// | qmoneyTokenTtlSeconds      | 300                  |
// | qmoneyTokenExpiryMinusOne  | false                |
// | qmoneyOtpTtlSeconds        | 300                  |
// | qmoneyFullSpringErrors     | false                |
// Environment variables: see the *_ENV_OPTIONS export below. Shared: slowMs.
//
// qmoneyTokenExpiryMinusOne reproduces UAT's `"accessTokenExpiry":"-1"`; the token still dies after
// qmoneyTokenTtlSeconds, so a client that reads "-1" as "never expires" is caught in development.
// qmoneyFullSpringErrors adds Spring's timestamp/path to the 401 for a missing Authorization header
// on /login (whether UAT sends them is UNCONFIRMED).
import { boolOption, intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

/**
 * Environment overrides, in sandbox/options.ts's ENV_OPTIONS format. That file belongs to the
 * server; it spreads these rows in (`...QMONEY_ENV_OPTIONS`) so the names live next to the options.
 */
export const QMONEY_ENV_OPTIONS = {
  SANDBOX_QMONEY_BASIC_TOKEN: { option: 'qmoneyBasicToken', kind: 'string' },
  SANDBOX_QMONEY_USERNAME: { option: 'qmoneyUsername', kind: 'string' },
  SANDBOX_QMONEY_PASSWORD: { option: 'qmoneyPassword', kind: 'string' },
  SANDBOX_QMONEY_TOKEN_TTL_S: { option: 'qmoneyTokenTtlSeconds', kind: 'int' },
  SANDBOX_QMONEY_TOKEN_EXPIRY_MINUS_ONE: { option: 'qmoneyTokenExpiryMinusOne', kind: 'bool' },
  SANDBOX_QMONEY_OTP_TTL_S: { option: 'qmoneyOtpTtlSeconds', kind: 'int' },
  SANDBOX_QMONEY_FULL_SPRING_ERRORS: { option: 'qmoneyFullSpringErrors', kind: 'bool' },
} as const satisfies Record<string, { option: string; kind: 'int' | 'string' | 'bool' }>;

export interface QmoneyConfig {
  basicToken: string;
  username: string;
  password: string;
  tokenTtlMs: number;
  expiryMinusOne: boolean;
  otpTtlMs: number;
  fullSpringErrors: boolean;
  slowMs: number;
}

export function readQmoneyConfig(options: SandboxOptions): QmoneyConfig {
  return {
    basicToken: stringOption(options, 'qmoneyBasicToken', 'c2FuZGJveC1xbW9uZXk='),
    username: stringOption(options, 'qmoneyUsername', 'sandbox-merchant'),
    password: stringOption(options, 'qmoneyPassword', 'sandbox-password'),
    tokenTtlMs: intOption(options, 'qmoneyTokenTtlSeconds', 300) * 1000,
    // UAT reports "-1": the default, so clients are tested against what they will meet.
    expiryMinusOne: boolOption(options, 'qmoneyTokenExpiryMinusOne', true),
    otpTtlMs: intOption(options, 'qmoneyOtpTtlSeconds', 300) * 1000,
    fullSpringErrors: boolOption(options, 'qmoneyFullSpringErrors', false),
    slowMs: options.slowMs,
  };
}
