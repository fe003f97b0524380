#!/usr/bin/env node
// The one command that runs Malipo locally: installs packages if needed, starts the provider
// sandbox, then the app (next dev, or a production build with --production). Without
// DATABASE_URL the app uses embedded PGlite under .data/ and seeds demo data.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const production = process.argv.includes('--production');
const port = process.env.PORT ?? '3000';
const sandboxPort = process.env.SANDBOX_PORT ?? '4010';

if (!existsSync('node_modules/.bin/next')) {
  console.log('[malipo] installing packages (first run)...');
  const ci = spawnSync('npm', ['ci'], { stdio: 'inherit' });
  if (ci.status !== 0 && spawnSync('npm', ['install'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  APP_URL: process.env.APP_URL ?? `http://127.0.0.1:${port}`,
  BOOTSTRAP_API_KEY: process.env.BOOTSTRAP_API_KEY ?? 'malipo-demo-key-0123456789',
  // Demo only: a fresh secret per run. Set AUTH_SECRET yourself for anything real.
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('hex'),
  // Local merchant receivers (127.0.0.1) may get webhooks; production leaves this unset.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? '1',
};

const children = [];
const useSandbox = process.env.SANDBOX !== '0';
if (useSandbox) {
  env.SANDBOX_URL ??= `http://127.0.0.1:${sandboxPort}`;
  // ClickPesa's simulator signs its webhooks with the app's checksum key and posts them here
  // (demo key only when ClickPesa itself is not configured).
  if (!env.CLICKPESA_CLIENT_ID) env.CLICKPESA_CHECKSUM_KEY ??= 'malipo-demo-clickpesa-checksum-key';
  const sandboxEnv = { ...env, SANDBOX_PORT: sandboxPort, SANDBOX_CLICKPESA_CHECKSUM_KEY: env.CLICKPESA_CHECKSUM_KEY ?? '', SANDBOX_CLICKPESA_WEBHOOK_URL: `${env.APP_URL.replace(/\/$/, '')}/api/webhooks/clickpesa` };
  children.push(spawn('node_modules/.bin/tsx', ['sandbox/main.ts'], { stdio: 'inherit', env: sandboxEnv }));
}

if (production) {
  const build = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env });
  if (build.status !== 0) shutdown(1);
}
const app = spawn('node_modules/.bin/next', [production ? 'start' : 'dev', '--port', port, '--hostname', '127.0.0.1'], { stdio: 'inherit', env });
children.push(app);

console.log(`
[malipo] shop      ${env.APP_URL}
[malipo] sandbox   ${env.SANDBOX_URL ?? '(off)'}  (phone: ${env.SANDBOX_URL ?? ''}/phone)
[malipo] API key   ${env.BOOTSTRAP_API_KEY}
[malipo] database  ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite in .data/'}
`);

app.on('exit', (code) => shutdown(code ?? 0));
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

function shutdown(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
