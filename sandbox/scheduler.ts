// Every timer the simulators start goes through here, so reset and close() can cancel them all
// and a test run never ends with a callback firing into a server that is already gone.

export interface Scheduler {
  later(ms: number, fn: () => void | Promise<void>): void;
  sleep(ms: number): Promise<void>;
  /** Cancels pending `later` tasks and wakes every sleeper. */
  cancelAll(): void;
}

export function createScheduler(onError: (err: unknown) => void): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  const sleepers = new Set<() => void>();

  return {
    later(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        // Promise.resolve().then catches synchronous throws as well as rejections.
        Promise.resolve().then(fn).catch(onError);
      }, Math.max(0, ms));
      timers.add(timer);
    },
    sleep(ms) {
      return new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, ms));
        sleepers.add(wake);
      });
    },
    cancelAll() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const wake of [...sleepers]) wake();
    },
  };
}
