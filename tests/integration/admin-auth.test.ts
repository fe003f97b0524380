import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInGuards, users } from '@/db/schema';
import { parseCookieHeader, userFromCookies, assertRole } from '@/lib/auth/session';
import { authenticateUser, createUser, LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS, setPassword } from '@/lib/auth/users';
import { AppError } from '@/lib/errors';
import { openIsolatedDatabase, type IsolatedDatabase } from '../support/isolated-database';
import { makeUser, sessionCookie } from '../support/admin-session';

let database: IsolatedDatabase;
beforeAll(async () => {
  database = await openIsolatedDatabase('auth');
});
afterAll(async () => database?.close());

const PASSWORD = 'correct horse battery staple';

describe('sign-in with lockout', () => {
  it('accepts the right password (email case-insensitive) and stores only a bcrypt hash', async () => {
    const user = await createUser(database.db, { email: 'Ops.Lead@Example.test', name: 'Ops', role: 'admin', password: PASSWORD });
    expect(user.email).toBe('ops.lead@example.test');
    const result = await authenticateUser(database.db, '  OPS.LEAD@example.test ', PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: 'admin' } });
    const [row] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const user = await makeUser(database.db, 'viewer');
    expect(await authenticateUser(database.db, user.email, 'wrong password!!')).toEqual({ ok: false, reason: 'invalid' });
    expect(await authenticateUser(database.db, 'nobody@example.test', PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
  });

  it(`locks after ${MAX_FAILED_SIGN_INS} failures for ${LOCKOUT_MINUTES} minutes, even against the right password`, async () => {
    const user = await makeUser(database.db, 'admin');
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) {
      expect((await authenticateUser(database.db, user.email, `wrong-${i}`)).ok).toBe(false);
    }
    const tenth = await authenticateUser(database.db, user.email, 'wrong-10');
    expect(tenth).toMatchObject({ ok: false, reason: 'locked' });
    if (tenth.ok || tenth.reason !== 'locked') throw new Error('expected a lock');
    const minutes = (tenth.lockedUntil.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCKOUT_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(LOCKOUT_MINUTES);
    expect(await authenticateUser(database.db, user.email, PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });

    // Thirty minutes later (moved back in the database) the right password works and resets the count.
    await database.db.update(signInGuards).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(signInGuards.userId, user.id));
    expect(await authenticateUser(database.db, user.email, PASSWORD)).toMatchObject({ ok: true });
    const [row] = await database.db.select().from(signInGuards).where(eq(signInGuards.userId, user.id));
    expect(row).toMatchObject({ attempts: 0, lockedUntil: null });
  });

  it('counts parallel guesses exactly: 25 at once cannot slip past the limit', async () => {
    const user = await makeUser(database.db, 'admin');
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => authenticateUser(database.db, user.email, `guess-${i}`)));
    expect(results.some((r) => !r.ok && r.reason === 'locked')).toBe(true);
    expect(await authenticateUser(database.db, user.email, PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('resets a lockout when an operator sets a new password (CLI users:set-password)', async () => {
    const user = await makeUser(database.db, 'admin');
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await authenticateUser(database.db, user.email, `wrong-${i}`);
    expect(await setPassword(database.db, user.email, 'a brand new passphrase')).toBe(true);
    expect(await authenticateUser(database.db, user.email, 'a brand new passphrase')).toMatchObject({ ok: true });
  });

  it('refuses weak passwords, unknown roles and duplicate emails', async () => {
    await expect(createUser(database.db, { email: 'short@example.test', name: 'S', role: 'admin', password: 'short' })).rejects.toMatchObject({ code: 'validation_error', field: 'password' });
    await expect(createUser(database.db, { email: 'role@example.test', name: 'R', role: 'owner' as 'admin', password: PASSWORD })).rejects.toMatchObject({ field: 'role' });
    await createUser(database.db, { email: 'twice@example.test', name: 'T', role: 'viewer', password: PASSWORD });
    await expect(createUser(database.db, { email: 'TWICE@example.test', name: 'T', role: 'viewer', password: PASSWORD })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('sessions', () => {
  it('reads the user and the current role from the database behind a session cookie', async () => {
    const user = await makeUser(database.db, 'admin');
    const cookies = parseCookieHeader(await sessionCookie(user.id));
    expect(await userFromCookies(database.db, cookies)).toMatchObject({ id: user.id, role: 'admin' });
    // Demoted: the same cookie now carries viewer rights only.
    await database.db.update(users).set({ role: 'viewer' }).where(eq(users.id, user.id));
    expect(await userFromCookies(database.db, cookies)).toMatchObject({ role: 'viewer' });
  });

  it('ignores tokens sealed with another secret, garbage and deleted users', async () => {
    const user = await makeUser(database.db, 'admin');
    expect(await userFromCookies(database.db, parseCookieHeader(await sessionCookie(user.id, 'another-secret-of-at-least-32-chars!!')))).toBeNull();
    expect(await userFromCookies(database.db, parseCookieHeader('next-auth.session-token=garbage'))).toBeNull();
    expect(await userFromCookies(database.db, parseCookieHeader(await sessionCookie(999_999)))).toBeNull();
    expect(await userFromCookies(database.db, new Map())).toBeNull();
  });

  it('asserts roles: nobody → unauthorized, viewer → forbidden for admin work', () => {
    const viewer = { id: 1, email: 'v@x', name: 'v', role: 'viewer' as const };
    expect(() => assertRole(null, 'viewer')).toThrow(AppError);
    expect(() => assertRole(null, 'viewer')).toThrow(expect.objectContaining({ code: 'unauthorized' }));
    expect(() => assertRole(viewer, 'admin')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(assertRole(viewer, 'viewer')).toBe(viewer);
    expect(assertRole({ ...viewer, role: 'admin' }, 'viewer').role).toBe('admin');
  });
});
