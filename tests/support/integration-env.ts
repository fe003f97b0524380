import { AsyncLocalStorage } from 'node:async_hooks';
import { inject } from 'vitest';
import { resetEnvCache } from '@/lib/env';

// Before any app module reads its configuration: the run's database (or PGlite in memory).
const databaseUrl = inject('databaseUrl');
if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
else delete process.env.DATABASE_URL;
process.env.PGLITE_DIR = 'memory://';
process.env.SEED_DEMO_DATA = '1';
process.env.RECONCILER_ENABLED = '0';
process.env.BOOTSTRAP_API_KEY = 'test-bootstrap-key-0123456789';
// Every test file shares the bootstrap key and the run's database, hence its rate-limit windows.
process.env.API_RATE_LIMIT_PER_MINUTE = '1000000';
process.env.API_WRITE_RATE_LIMIT_PER_MINUTE = '1000000';
// Likewise every file's prompts to the sandbox's test phones and every request from 127.0.0.1:
// the files that test these limits lower them for their own process.
for (const name of ['PROMPTS_PER_PHONE', 'SHOP_PROMPTS_PER_IP', 'SHOP_ORDERS_PER_IP', 'SHOPPER_REQUESTS_PER_IP_PER_MINUTE', 'SIGN_IN_ATTEMPTS_PER_IP']) {
  process.env[name] = '1000000';
}
// One signing secret for the run: any file's background pass may deliver any file's webhooks.
process.env.WEBHOOK_SIGNING_SECRET = 'whsec_test_0123456789abcdef0123456789abcdef';
// The merchant receivers in these tests listen on 127.0.0.1 (production refuses such targets).
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '1';
(process.env as Record<string, string>).NODE_ENV = 'test';
// What a Next.js server does at start, before next/headers creates its request stores (see
// request-scope.ts): without it they are stubs that refuse every request scope.
(globalThis as { AsyncLocalStorage?: typeof AsyncLocalStorage }).AsyncLocalStorage ??= AsyncLocalStorage;
resetEnvCache();
