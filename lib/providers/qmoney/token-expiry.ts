// When a Qmoney access token should be replaced. accessTokenExpiry is "-1" in UAT (no stated
// expiry) and its unit is UNCONFIRMED otherwise; we read positive values as seconds.

/** Refresh this much before the stated expiry: a tenth of the lifetime, at most a minute. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.floor(lifetimeMs / 10));
}

/**
 * The moment after which the token is not used again. A missing, "-1" or unreadable expiry
 * means "unknown": reuse it for at most maxAgeSeconds, and rely on the 401 refresh before that.
 */
export function tokenUsableUntil(accessTokenExpiry: unknown, issuedAt: number, maxAgeSeconds: number): number {
  const seconds = typeof accessTokenExpiry === 'number' || typeof accessTokenExpiry === 'string' ? Number(accessTokenExpiry) : Number.NaN;
  const stated = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, maxAgeSeconds) : maxAgeSeconds;
  const lifetimeMs = stated * 1000;
  return issuedAt + lifetimeMs - refreshMarginMs(lifetimeMs);
}

/** Spring's invalid_token 401 (expired or unreadable): log in again and repeat the call once. */
export function isTokenRefused(status: number, body: unknown): boolean {
  if (status !== 401) return false;
  const error = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).error : undefined;
  return error === 'invalid_token' || error === 'unauthorized';
}
