import 'server-only';
import { getEnv } from '@/lib/env';
import { startPaymentChangeHub, type PaymentChangeHub } from '@/lib/payments/payment-changes';
import { getDatabase } from './database';
import { logError } from './log';

// One LISTEN per process, kept on globalThis like the database itself (dev hot reloads reuse it).
const globalForHub = globalThis as unknown as { malipoPaymentChanges?: Promise<PaymentChangeHub> };

/** The process's payment-change listener, or null when it cannot listen now (polls then answer at once). */
export async function getPaymentChangeHub(): Promise<PaymentChangeHub | null> {
  globalForHub.malipoPaymentChanges ??= getDatabase().then((database) =>
    startPaymentChangeHub(database, { maxWaiters: getEnv().CHECKOUT_LONG_POLL_MAX_WAITERS }),
  );
  try {
    return await globalForHub.malipoPaymentChanges;
  } catch (error) {
    // Try again on a later poll; meanwhile the sheet falls back to plain 10-second polling.
    globalForHub.malipoPaymentChanges = undefined;
    logError('[malipo] cannot listen for payment changes', error);
    return null;
  }
}
