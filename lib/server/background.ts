import 'server-only';
import { getEnv } from '@/lib/env';
import { reconcileDuePayments } from '@/lib/payments';
import { expireStaleOtps } from '@/lib/payments/otp-close';
import { purgeExpiredIdempotencyKeys } from '@/lib/api/idempotency';
import { purgeOldRateLimitWindows } from '@/lib/api/rate-limit';
import { purgeOldSlots } from '@/lib/limits/sliding-window';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';
import { getDb } from './database';
import { logError } from '@/lib/server/log';

/** One pass of everything that runs in the background; safe to run from several places at once. */
export async function runBackgroundWork() {
  const db = await getDb();
  // Each task runs even when another fails: a stuck reconciliation must not stop webhooks.
  const reconciled = await attempt('reconcile', () => reconcileDuePayments(db));
  const otpExpired = await attempt('expire OTPs', () => expireStaleOtps(db));
  // After reconciling, so the outcomes it just applied are announced in the same pass.
  const webhooks = await attempt('deliver webhooks', () => deliverDueWebhooks(db));
  const purged = {
    idempotencyKeys: await attempt('purge idempotency keys', () => purgeExpiredIdempotencyKeys(db)),
    rateLimitWindows: await attempt('purge rate-limit windows', () => purgeOldRateLimitWindows(db)),
    rateLimitHits: await attempt('purge sliding rate limits', () => purgeOldSlots(db)),
  };
  return { reconciled, otpExpired, webhooks, purged };
}

async function attempt<T>(task: string, run: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await run();
  } catch (error) {
    logError(`[malipo] background task "${task}" failed:`, error);
    return { error: `${task} failed` };
  }
}

const globalForTimer = globalThis as unknown as { malipoBackgroundTimer?: NodeJS.Timeout };

/** Self-hosted: a timer in the server process. Platforms without long-lived processes use cron. */
export function startBackgroundTimer(): void {
  const env = getEnv();
  if (!env.RECONCILER_ENABLED || globalForTimer.malipoBackgroundTimer) return;
  let running = false;
  globalForTimer.malipoBackgroundTimer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runBackgroundWork();
    } catch (error) {
      logError('[malipo] background work failed:', error);
    } finally {
      running = false;
    }
  }, env.RECONCILE_INTERVAL_SECONDS * 1000);
  globalForTimer.malipoBackgroundTimer.unref();
}
