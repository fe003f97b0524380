// The system the latency benchmark drives, started as scripts/e2e-server.mjs starts it for the
// Playwright suite (the production build under `next start`, the sandbox, a fresh PostgreSQL
// database), but on free ports and with the production timings: the figures are the shopper's.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import postgres from 'postgres';

export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  databaseUrl: string;
  apiKey: string;
  stop(): Promise<void>;
}

const API_KEY = 'bench-bootstrap-key-0123456789';

export async function startStack(log: (line: string) => void): Promise<Stack> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npx next build` first (npm run bench:latency does)');
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `malipo_latency_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const [appPort, sandboxPort] = [await freePort(), await freePort()];
  const appUrl = `http://127.0.0.1:${appPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    APP_URL: appUrl,
    SANDBOX_URL: sandboxUrl,
    DATABASE_URL: url.toString(),
    AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789',
    SETTINGS_ENCRYPTION_KEY: 'be0c'.repeat(16),
    BOOTSTRAP_API_KEY: API_KEY,
    SEED_DEMO_DATA: '1',
    // Production defaults spelled out: a 10 s poll cadence, each poll waiting up to 9 s.
    CHECKOUT_POLL_SECONDS: '10',
    CHECKOUT_LONG_POLL_SECONDS: '9',
    MPESA_CONFIRM_WITH_QUERY: '1',
    // The reconciler must not answer for the callback: only the callback path is measured.
    RECONCILE_GRACE_SECONDS: '600',
    API_RATE_LIMIT_PER_MINUTE: '100000',
    API_WRITE_RATE_LIMIT_PER_MINUTE: '100000',
  };
  const children: ChildProcess[] = [
    spawn('node_modules/.bin/tsx', ['sandbox/main.ts'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, SANDBOX_PORT: String(sandboxPort), SANDBOX_PROMPT_TIMEOUT_MS: '120000' } }),
    spawn('node_modules/.bin/next', ['start', '--port', String(appPort), '--hostname', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'inherit'], env }),
  ];
  const stop = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  };
  try {
    await Promise.all([waitUntilUp(`${sandboxUrl}/_sandbox/health`), waitUntilUp(`${appUrl}/api/health`)]);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`[bench] app ${appUrl}, sandbox ${sandboxUrl}, database ${name}`);
  return { appUrl, sandboxUrl, databaseUrl: url.toString(), apiKey: API_KEY, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
