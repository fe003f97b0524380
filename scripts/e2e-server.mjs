#!/usr/bin/env node
// Starts what the Playwright suite drives: the sandbox and the production build under plain
// `next start`, on a fresh database (real PostgreSQL when reachable, else in-memory PGlite).
// Timings are shortened so the suite stays fast; the logic under test is the same.
import { spawn } from 'node:child_process';
import postgres from 'postgres';

const APP_PORT = process.env.E2E_APP_PORT ?? '3100';
const SANDBOX_PORT = process.env.E2E_SANDBOX_PORT ?? '4110';
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function freshDatabaseUrl() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    const name = `malipo_e2e_${Date.now()}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return url.toString();
  } catch {
    return '';
  } finally {
    await admin.end({ timeout: 1 }).catch(() => {});
  }
}

const databaseUrl = await freshDatabaseUrl();
const env = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  APP_URL: `http://127.0.0.1:${APP_PORT}`,
  SANDBOX_URL: `http://127.0.0.1:${SANDBOX_PORT}`,
  AUTH_SECRET: 'e2e-auth-secret-0123456789abcdef0123456789',
  // Provider settings pages seal secrets with it (required in production mode).
  SETTINGS_ENCRYPTION_KEY: 'e2e0'.repeat(16),
  BOOTSTRAP_API_KEY: 'e2e-bootstrap-key-0123456789',
  SEED_DEMO_DATA: '1',
  CHECKOUT_POLL_SECONDS: '2',
  CHECKOUT_GIVE_UP_SECONDS: '8',
  RECONCILE_GRACE_SECONDS: '600',
  MPESA_CONFIRM_WITH_QUERY: '1',
  // ClickPesa checksums on, with the same key on both sides (the sandbox signs its webhooks).
  CLICKPESA_CHECKSUM_KEY: 'e2e-clickpesa-checksum-key-0123456789',
  // Merchant webhook receivers in the suite listen on 127.0.0.1.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: '1',
  // The whole suite is one browser on 127.0.0.1 prompting the sandbox's few test phones.
  PROMPTS_PER_PHONE: '1000',
  SHOP_PROMPTS_PER_IP: '1000',
  SHOP_ORDERS_PER_IP: '1000',
  SHOPPER_REQUESTS_PER_IP_PER_MINUTE: '100000',
  SIGN_IN_ATTEMPTS_PER_IP: '1000',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: 'memory://' }),
};
console.log(`[e2e] database: ${databaseUrl ? databaseUrl.replace(/\/\/.*@/, '//') : 'PGlite (memory)'}`);

const sandbox = spawn('node_modules/.bin/tsx', ['sandbox/main.ts'], {
  stdio: 'inherit',
  env: {
    ...env,
    SANDBOX_PORT,
    SANDBOX_OUTCOME_DELAY_MS: '1500',
    SANDBOX_PROMPT_TIMEOUT_MS: '20000',
    SANDBOX_CLICKPESA_CHECKSUM_KEY: env.CLICKPESA_CHECKSUM_KEY,
    SANDBOX_CLICKPESA_WEBHOOK_URL: `http://127.0.0.1:${APP_PORT}/api/webhooks/clickpesa`,
  },
});
const app = spawn('node_modules/.bin/next', ['start', '--port', APP_PORT, '--hostname', '127.0.0.1'], { stdio: 'inherit', env });

const stop = () => {
  sandbox.kill('SIGTERM');
  app.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
app.on('exit', (code) => {
  sandbox.kill('SIGTERM');
  process.exit(code ?? 0);
});
