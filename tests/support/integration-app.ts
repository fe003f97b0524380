// One running system per test file: the sandbox (real HTTP), the app's route handlers (real
// HTTP, see app-harness.ts) and the real database. Nothing of ours is mocked.
import { startSandbox, type SandboxHandle } from '@/sandbox/server';
import type { SandboxOptions } from '@/sandbox/types';
import { resetEnvCache } from '@/lib/env';
import { getDb } from '@/lib/server/database';
import type { Db } from '@/db';
import { startAppHarness, type AppHarness } from './app-harness';

export const TEST_API_KEY = 'test-bootstrap-key-0123456789';

export interface IntegrationApp {
  db: Db;
  sandbox: SandboxHandle;
  app: AppHarness;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startIntegrationApp(opts: { sandbox?: Partial<SandboxOptions>; env?: Record<string, string> } = {}): Promise<IntegrationApp> {
  const sandbox = await startSandbox({ port: 0, options: { outcomeDelayMs: 150, slowMs: 300, promptTimeoutMs: 3000, ...opts.sandbox } });
  const app = await startAppHarness();
  Object.assign(process.env, { SANDBOX_URL: sandbox.url, APP_URL: app.url, MPESA_CONFIRM_WITH_QUERY: '0', PROVIDER_TIMEOUT_MS: '5000', ...opts.env });
  resetEnvCache();
  const db = await getDb();
  return {
    db,
    sandbox,
    app,
    async api(method, path, body, headers = {}) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${TEST_API_KEY}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep text
      }
      return { status: res.status, body: parsed };
    },
    async close() {
      await sandbox.close();
      await app.close();
    },
  };
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
