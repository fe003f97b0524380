// Qmoney simulator options, read from ctx.options on every request.
//
// | option                     | env (server's options.ts)            | default              |
// |----------------------------|--------------------------------------|----------------------|
// | qmoneyBasicToken           | SANDBOX_QMONEY_BASIC_TOKEN           | c2FuZGJveC1xbW9uZXk= |
// | qmoneyUsername             | SANDBOX_QMONEY_USERNAME              | sandbox-merchant     |
// | qmoneyPassword             | SANDBOX_QMONEY_PASSWORD              | sandbox-password     |
// | qmoneyTokenTtlSeconds      | SANDBOX_QMONEY_TOKEN_TTL_S           | 300                  |
// | qmoneyTokenExpiryMinusOne  | SANDBOX_QMONEY_TOKEN_EXPIRY_MINUS_ONE| false                |
// | qmoneyOtpTtlSeconds        | SANDBOX_QMONEY_OTP_TTL_S             | 300                  |
// | qmoneyFullSpringErrors     | SANDBOX_QMONEY_FULL_SPRING_ERRORS    | false                |
// Shared: slowMs.
//
// qmoneyTokenExpiryMinusOne reproduces UAT's `"accessTokenExpiry":"-1"`; the token still dies after
// qmoneyTokenTtlSeconds, so a client that reads "-1" as "never expires" is caught in development.
// qmoneyFullSpringErrors adds Spring's timestamp/path to the 401 for a missing Authorization header
// on /login (whether UAT sends them is UNCONFIRMED).
import { boolOption, intOption, stringOption } from '../options';
import type { SandboxOptions } from '../types';

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
    expiryMinusOne: boolOption(options, 'qmoneyTokenExpiryMinusOne', false),
    otpTtlMs: intOption(options, 'qmoneyOtpTtlSeconds', 300) * 1000,
    fullSpringErrors: boolOption(options, 'qmoneyFullSpringErrors', false),
    slowMs: options.slowMs,
  };
}
