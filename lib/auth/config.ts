import 'server-only';
import { getEnv } from '@/lib/env';

// Outside production a fixed secret keeps `npm run dev` and the demo signing in without setup;
// production refuses to start without AUTH_SECRET (lib/env.ts).
const DEVELOPMENT_SECRET = 'malipo-development-only-auth-secret-not-for-production';

let warned = false;

export function authSecret(): string {
  const env = getEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (!warned) {
    warned = true;
    console.warn('[malipo] AUTH_SECRET is not set: admin sessions use a development secret (never in production).');
  }
  return DEVELOPMENT_SECRET;
}

/** Session cookies are Secure (and __Secure- prefixed) whenever the app is served over https. */
export function secureCookies(): boolean {
  return getEnv().APP_URL.startsWith('https://');
}

/**
 * next-auth 4 builds its callback and redirect URLs from NEXTAUTH_URL. We configure APP_URL
 * once; NEXTAUTH_URL follows it unless an operator set it explicitly.
 */
export function ensureNextAuthUrl(): void {
  const globalState = globalThis as unknown as { malipoNextAuthUrl?: string };
  const current = process.env.NEXTAUTH_URL;
  if (current && current !== globalState.malipoNextAuthUrl) return; // set by the operator
  const appUrl = getEnv().APP_URL;
  process.env.NEXTAUTH_URL = appUrl;
  globalState.malipoNextAuthUrl = appUrl;
}

/** Admin sessions last a working day; signing in again each morning is the point. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
