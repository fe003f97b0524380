import 'server-only';
import { createHash } from 'node:crypto';
import type { Database } from '@/db';
import type { Payment } from './payment-store';

/** Channel of the payments trigger (migration 0004); the payload is the payment id. */
export const PAYMENT_CHANGED_CHANNEL = 'payment_changed';

/**
 * What the shopper's sheet shows of a payment, as a short token: a long poll waits while the
 * payment still has the version the browser already shows. Same columns as the trigger.
 */
export function paymentVersionOf(p: Payment): string {
  const shown = [p.status, p.attention, p.failureCode, p.otpReference, p.otpAttempts, p.otpSends, p.expiresAt?.getTime() ?? null];
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url').slice(0, 16);
}

export type WaitOutcome = 'changed' | 'timeout' | 'aborted';

export interface PaymentWatch {
  /** Resolves once the payment changed (also if it did before the call), at the timeout, or on abort. */
  changed(timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome>;
  release(): void;
}

export interface PaymentChangeHub {
  /** Null when this process already holds its most waiters: the caller answers at once instead. */
  watch(paymentId: string): PaymentWatch | null;
  readonly waiting: number;
  close(): Promise<void>;
}

/**
 * One LISTEN for the whole process; waiters are promises in memory, so a waiting poll holds no
 * database connection. A (re)connected listener wakes every waiter: notifications sent while it
 * was away are lost, and each waiter re-reads its payment instead.
 */
export async function startPaymentChangeHub(database: Pick<Database, 'listen'>, opts: { maxWaiters: number }): Promise<PaymentChangeHub> {
  const waiters = new Map<string, Set<() => void>>();
  let waiting = 0;
  const wakeAll = () => [...waiters.values()].forEach((set) => [...set].forEach((wake) => wake()));
  const unlisten = await database.listen(
    PAYMENT_CHANGED_CHANNEL,
    (id) => waiters.get(id)?.forEach((wake) => wake()),
    wakeAll,
  );

  function watch(paymentId: string): PaymentWatch | null {
    if (waiting >= opts.maxWaiters) return null;
    waiting++;
    let fired = false;
    let released = false;
    let resolveWait: ((o: WaitOutcome) => void) | undefined;
    const wake = () => {
      fired = true;
      resolveWait?.('changed');
    };
    const set = waiters.get(paymentId) ?? new Set();
    waiters.set(paymentId, set.add(wake));
    return {
      changed: (timeoutMs, signal) => (fired ? Promise.resolve('changed') : waitFor(timeoutMs, signal, (r) => (resolveWait = r))),
      release() {
        if (released) return;
        released = true;
        waiting--;
        set.delete(wake);
        if (!set.size && waiters.get(paymentId) === set) waiters.delete(paymentId);
      },
    };
  }

  return {
    watch,
    get waiting() {
      return waiting;
    },
    close: () => unlisten(),
  };
}

function waitFor(timeoutMs: number, signal: AbortSignal | undefined, onChange: (resolve: (o: WaitOutcome) => void) => void): Promise<WaitOutcome> {
  return new Promise((resolve) => {
    const done = (outcome: WaitOutcome) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => done('aborted');
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    onChange(done);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
