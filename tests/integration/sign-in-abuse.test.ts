// Sign-in under attack (issue 9 §2): a burst cannot get more password checks than the limit nor
// slip the right password past a lock; failures lock one IP out of one account, not the admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateUser, MAX_FAILED_SIGN_INS, type SignInResult } from '@/lib/auth/users';
import { listRecentLockouts } from '@/lib/auth/sign-in-guard';
import { resetEnvCache } from '@/lib/env';
import { openIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database';
import { makeUser } from '../support/admin-session';

let database: IsolatedDatabase;
beforeAll(async () => {
  process.env.SIGN_IN_ATTEMPTS_PER_IP = '70';
  resetEnvCache();
  database = await openIsolatedDatabase('signin_abuse');
});
afterAll(async () => database?.close());

const PASSWORD = 'correct horse battery staple';
const outcome = (r: SignInResult) => (r.ok ? 'session' : r.reason);

describe('a burst of sign-ins from one IP', () => {
  it('60 wrong passwords then the right one, all at once: 10 checked, the right one refused as locked (4 bursts)', async () => {
    for (let burst = 0; burst < 4; burst++) {
      const user = await makeUser(database.db, 'admin');
      const ip = `198.51.100.${10 + burst}`;
      const wrong = Array.from({ length: 60 }, (_, i) => authenticateUser(database.db, user.email, `wrong-${i}`, ip));
      const right = authenticateUser(database.db, user.email, PASSWORD, ip);
      const results = (await Promise.all([...wrong, right])).map(outcome);
      expect(results.at(-1), `burst ${burst}`).toBe('locked');
      // The 10th failure answers "locked" itself: 9 said invalid, everything else locked.
      expect(results.filter((r) => r === 'invalid'), `burst ${burst}`).toHaveLength(MAX_FAILED_SIGN_INS - 1);
      expect(results.filter((r) => r === 'locked')).toHaveLength(61 - (MAX_FAILED_SIGN_INS - 1));
    }
  });
});

describe('lockout by account and IP', () => {
  it('10 failures from one IP lock that IP out; the admin signs in from another IP, and the overview lists the lock', async () => {
    const user = await makeUser(database.db, 'admin');
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await authenticateUser(database.db, user.email, `wrong-${i}`, '203.0.113.66');
    expect(outcome(await authenticateUser(database.db, user.email, PASSWORD, '203.0.113.66'))).toBe('locked');
    expect(outcome(await authenticateUser(database.db, user.email, PASSWORD, '192.0.2.5'))).toBe('session');
    const lockouts = await listRecentLockouts(database.db);
    expect(lockouts).toContainEqual(expect.objectContaining({ email: user.email, ip: '203.0.113.66' }));
  });

  it('an IP has a budget of attempts over all accounts (throttled, with the wait)', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 70; i++) await authenticateUser(database.db, `nobody-${i}@example.test`, 'whatever password', ip);
    const refused = await authenticateUser(database.db, 'another@example.test', 'whatever password', ip);
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    expect(refused.ok === false && refused.reason === 'throttled' && refused.retryAfterSeconds).toBeGreaterThan(500);
  });
});
