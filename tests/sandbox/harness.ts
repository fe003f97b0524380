// Runs one simulator behind a real node:http server with a real SandboxContext (the sandbox's own
// phone, ledger and scheduler), so simulator tests exercise the wire format end to end without
// waiting for sandbox/server.ts. Also a tiny webhook receiver for outgoing deliveries.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyLimitFor, readBody, readRawBody, sendJson } from '../../sandbox/http';
import { createLedger } from '../../sandbox/ledger';
import { DEFAULT_OPTIONS } from '../../sandbox/options';
import { createPhone } from '../../sandbox/phone';
import { createScheduler } from '../../sandbox/scheduler';
import type { LedgerEntry, SandboxContext, SandboxOptions, Simulator, SimulatorFactory } from '../../sandbox/types';

export interface HttpReply {
  status: number;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw provider JSON under test
}

export interface Harness {
  baseUrl: string;
  simulator: Simulator;
  ctx: SandboxContext;
  phone: ReturnType<typeof createPhone>;
  ledger(): LedgerEntry[];
  errors: unknown[];
  request(method: string, path: string, opts?: { headers?: Record<string, string>; body?: unknown }): Promise<HttpReply>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startHarness(factory: SimulatorFactory, options: Partial<SandboxOptions> = {}): Promise<Harness> {
  const errors: unknown[] = [];
  const onError = (err: unknown) => errors.push(err);
  const scheduler = createScheduler(onError);
  const ledger = createLedger();
  const phone = createPhone(scheduler.later, onError);
  const abort = new AbortController();
  const ctx: SandboxContext = {
    phone,
    record: ledger.record,
    later: scheduler.later,
    sleep: scheduler.sleep,
    signal: abort.signal,
    options: { ...DEFAULT_OPTIONS, ...options },
  };
  const simulator = factory(ctx);
  const prefix = `/${simulator.id}`;

  const server = createServer((req, res) => {
    void (async () => {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (!pathname.startsWith(prefix)) return sendJson(res, 404, { error: 'not under prefix' });
      const raw = await readRawBody(req, bodyLimitFor(req));
      await simulator.handle(req, res, pathname.slice(prefix.length) || '/', raw.toString('utf8'), raw);
    })().catch((err: unknown) => {
      errors.push(err);
      if (!res.headersSent) sendJson(res, 500, { error: 'harness' });
    });
  });
  const baseUrl = await listen(server);

  return {
    baseUrl,
    simulator,
    ctx,
    phone,
    ledger: () => ledger.list(simulator.id),
    errors,
    async request(method, path, opts = {}) {
      const hasBody = opts.body !== undefined;
      const res = await fetch(`${baseUrl}${prefix}${path}`, {
        method,
        headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        body: hasBody ? (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)) : undefined,
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, text, json };
    },
    async close() {
      abort.abort();
      scheduler.cancelAll();
      await closeServer(server);
    },
  };
}

export interface ReceivedWebhook {
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw provider JSON under test
  headers: IncomingMessage['headers'];
}

/** Collects POSTed JSON; `waitFor(n)` resolves once n deliveries have arrived. */
export async function startWebhookReceiver(status = 200) {
  const received: ReceivedWebhook[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      received.push({ body: JSON.parse(text), headers: req.headers });
      for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
      sendJson(res, status, { ok: true });
    });
  });
  const url = await listen(server);
  return {
    url,
    received,
    waitFor(n: number, timeoutMs = 3000): Promise<void> {
      if (received.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${n} webhooks, got ${received.length}`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => closeServer(server),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function eventually<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 3000,
  stepMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(stepMs);
  }
}
