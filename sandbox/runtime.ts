// The sandbox's in-memory state: shared context, phone, ledger, timers and the simulators built
// from it. Kept apart from the HTTP server so pages and the control API read one object.
import { createLedger, type Ledger } from './ledger';
import { createPhone, type Phone } from './phone';
import { createScheduler, type Scheduler } from './scheduler';
import type { SandboxContext, SandboxOptions, Simulator, SimulatorFactory } from './types';

export interface SandboxRuntime {
  ctx: SandboxContext;
  phone: Phone;
  ledger: Ledger;
  scheduler: Scheduler;
  simulators: Map<string, Simulator>;
  /** POST /_sandbox/reset: cancels timers and forgets prompts, SMS, ledger and simulator state. */
  reset(): void;
  /** close(): cancels timers and aborts outgoing requests. */
  shutdown(): void;
}

function logError(err: unknown): void {
  console.error('[sandbox]', err);
}

export function createRuntime(options: SandboxOptions, factories: SimulatorFactory[]): SandboxRuntime {
  const scheduler = createScheduler(logError);
  const ledger = createLedger();
  const phone = createPhone(scheduler.later, logError);
  const aborter = new AbortController();

  const ctx: SandboxContext = {
    phone: { addPrompt: phone.addPrompt, sendSms: phone.sendSms },
    record: ledger.record,
    later: scheduler.later,
    sleep: scheduler.sleep,
    signal: aborter.signal,
    options,
  };

  const simulators = new Map<string, Simulator>();
  for (const factory of factories) {
    const sim = factory(ctx);
    if (simulators.has(sim.id)) throw new Error(`two simulators registered for "${sim.id}"`);
    simulators.set(sim.id, sim);
  }

  return {
    ctx,
    phone,
    ledger,
    scheduler,
    simulators,
    reset() {
      scheduler.cancelAll();
      phone.reset();
      ledger.clear();
      for (const sim of simulators.values()) sim.reset?.();
    },
    shutdown() {
      scheduler.cancelAll();
      aborter.abort();
    },
  };
}
