// When to try a failed merchant webhook again. Doubling from 30 s, capped at 6 h between tries,
// for 3 days in all (the issue asks for at least 24 h): about 20 tries, then it is marked failed.

export const FIRST_RETRY_SECONDS = 30;
export const MAX_RETRY_GAP_SECONDS = 6 * 3600;
export const GIVE_UP_AFTER_SECONDS = 3 * 24 * 3600;

/** Delay after the n-th failed attempt (n ≥ 1), with ±10 % jitter so retries do not stampede. */
export function retryDelaySeconds(failedAttempts: number, base = FIRST_RETRY_SECONDS, random = Math.random): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const delay = Math.min(base * 2 ** exponent, MAX_RETRY_GAP_SECONDS);
  return delay * (0.9 + 0.2 * random());
}

/** True when an event created `ageSeconds` ago should not be tried again. */
export function shouldGiveUp(ageSeconds: number, giveUpAfter = GIVE_UP_AFTER_SECONDS): boolean {
  return ageSeconds >= giveUpAfter;
}
