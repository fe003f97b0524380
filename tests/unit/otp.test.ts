import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { OTP_PATTERN, afterWrongOtp, normalizeOtp, otpLifetimeSeconds, otpSendAllowance, triesLeftOf, triesLeftText } from '@/lib/payments/otp-rules';
import { otpAttemptHash } from '@/lib/payments/otp-limits';
import { redact } from '@/lib/payments/redact';

const WINDOW = 15 * 60_000;
const now = new Date('2026-11-23T12:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('sends: at most 3 per phone per 15 minutes', () => {
  it('counts only sends inside the window', () => {
    expect(otpSendAllowance([], now, 3, WINDOW)).toEqual({ allowed: true, sendsLeft: 3, retryAfterSeconds: 0 });
    expect(otpSendAllowance([ago(1), ago(2)], now, 3, WINDOW)).toMatchObject({ allowed: true, sendsLeft: 1 });
    expect(otpSendAllowance([ago(1), ago(2), ago(16)], now, 3, WINDOW)).toMatchObject({ allowed: true, sendsLeft: 1 });
  });

  it('refuses the 4th and says when the oldest send stops counting', () => {
    const refused = otpSendAllowance([ago(1), ago(5), ago(10)], now, 3, WINDOW);
    expect(refused).toEqual({ allowed: false, sendsLeft: 0, retryAfterSeconds: 5 * 60 });
  });
});

describe('wrong codes: at most 5 per payment', () => {
  it('counts down and locks on the 5th', () => {
    expect(afterWrongOtp(0, 5)).toEqual({ wrong: 1, triesLeft: 4, locked: false });
    expect(afterWrongOtp(3, 5)).toEqual({ wrong: 4, triesLeft: 1, locked: false });
    expect(afterWrongOtp(4, 5)).toEqual({ wrong: 5, triesLeft: 0, locked: true });
    expect(triesLeftOf(2, 5)).toBe(3);
    expect(triesLeftOf(9, 5)).toBe(0);
  });

  it('says how many tries remain in plain words', () => {
    expect(triesLeftText(1)).toBe('1 try left');
    expect(triesLeftText(4)).toBe('4 tries left');
  });
});

describe('codes', () => {
  it('a pasted code with spaces or a dash is read as digits; anything else is refused', () => {
    expect(normalizeOtp(' 123 456 ')).toBe('123456');
    expect(normalizeOtp('123-456')).toBe('123456');
    expect(OTP_PATTERN.test('123456')).toBe(true);
    expect(OTP_PATTERN.test('12a456')).toBe(false);
    expect(OTP_PATTERN.test('123')).toBe(false);
  });

  it('live at most 10 minutes, whatever the provider says', () => {
    expect(otpLifetimeSeconds(300)).toBe(300);
    expect(otpLifetimeSeconds(3600)).toBe(600);
    expect(otpLifetimeSeconds(undefined)).toBe(600);
  });

  it('are never stored: only a keyed hash per payment, which differs between payments', () => {
    const hash = otpAttemptHash('pay_a', '123456');
    expect(hash).not.toContain('123456');
    expect(hash).toBe(otpAttemptHash('pay_a', '123456'));
    expect(hash).not.toBe(otpAttemptHash('pay_b', '123456'));
  });

  it('are blanked in logs', () => {
    expect(redact({ otp: '123456', data: { otp: 123456 }, otpReference: 'ETDC' })).toEqual({ otp: '[redacted]', data: { otp: '[redacted]' }, otpReference: 'ETDC' });
  });

  it('limits can be lowered but never raised above the issue\'s ceilings', () => {
    expect(parseEnv({ OTP_MAX_ATTEMPTS: '3', OTP_MAX_SENDS: '2' })).toMatchObject({ OTP_MAX_ATTEMPTS: 3, OTP_MAX_SENDS: 2, OTP_SEND_WINDOW_SECONDS: 900 });
    expect(() => parseEnv({ OTP_MAX_ATTEMPTS: '6' })).toThrow(/OTP_MAX_ATTEMPTS/);
    expect(() => parseEnv({ OTP_MAX_SENDS: '4' })).toThrow(/OTP_MAX_SENDS/);
    expect(() => parseEnv({ OTP_SEND_WINDOW_SECONDS: '60' })).toThrow(/OTP_SEND_WINDOW_SECONDS/);
  });
});
