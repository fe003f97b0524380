import 'server-only';
import { getEnv } from '@/lib/env';
import { reconcileDuePayments } from '@/lib/payments';
import { expireStaleOtps } from '@/lib/payments/otp-close';
import { purgeExpiredIdempotencyKeys } from '@/lib/api/idempotency';
import { purgeOldRateLimitWindows } from '@/lib/api/rate-limit';
import { deliverDueWebhooks } from '@/lib/webhooks/deliver';
import { getDb } from './database';

/** One pass of everything that runs in the background; safe to run from several places at once. */
export async function runBackgroundWork() {
  const db = await getDb();
  const reconciled = await reconcileDuePayments(db);
  const otpExpired = await expireStaleOtps(db);
  // After reconciling, so the outcomes it just applied are announced in the same pass.
  const webhooks = await deliverDueWebhooks(db);
  const purged = { idempotencyKeys: await purgeExpiredIdempotencyKeys(db), rateLimitWindows: await purgeOldRateLimitWindows(db) };
  return { reconciled, otpExpired, webhooks, purged };
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
      console.error('[malipo] background work failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  }, env.RECONCILE_INTERVAL_SECONDS * 1000);
  globalForTimer.malipoBackgroundTimer.unref();
}
