import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/lib/server/database';
import { authSecret, ensureNextAuthUrl, SESSION_MAX_AGE_SECONDS, secureCookies } from './config';
import { clientIpOf } from '@/lib/limits/client-ip';
import { authenticateUser } from './users';

/** next-auth hands authorize() the request's headers as a plain object (values may be arrays). */
function headerReader(headers: Record<string, unknown> | undefined) {
  return {
    get(name: string): string | null {
      const value = headers?.[name];
      return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null;
    },
  };
}

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

/** Error codes the sign-in page turns into sentences (next-auth passes them through). */
export const SIGN_IN_ERRORS = { invalid: 'CredentialsSignin', locked: 'AccountLocked', throttled: 'TooManyAttempts' } as const;

export function authOptions(): AuthOptions {
  ensureNextAuthUrl();
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/admin/sign-in', error: '/admin/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const result = await authenticateUser(await getDb(), parsed.data.email, parsed.data.password, clientIpOf(headerReader(req?.headers)));
          if (result.ok) return { id: String(result.user.id), email: result.user.email, name: result.user.name, role: result.user.role };
          if (result.reason === 'locked') throw new Error(SIGN_IN_ERRORS.locked);
          if (result.reason === 'throttled') throw new Error(SIGN_IN_ERRORS.throttled);
          return null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // Only the user id matters: role and existence are re-read from the database on every
        // request (session.ts), so a demoted or deleted user loses access at once.
        if (user) token.uid = Number(user.id);
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid };
      },
      redirect({ url, baseUrl }) {
        // Only ever back into our own admin: no open redirect through callbackUrl.
        if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`;
        try {
          return new URL(url).origin === new URL(baseUrl).origin ? url : `${baseUrl}/admin`;
        } catch {
          return `${baseUrl}/admin`;
        }
      },
    },
  };
}
