#!/usr/bin/env node
// The one command that runs Malipo locally: installs packages if needed, starts the provider
// sandbox, then the app (next dev, or a production build with --production). Without
// DATABASE_URL the app uses embedded PGlite under .data/ and seeds demo data.
// PORT (3000) and SANDBOX_PORT (4010) move the app and the sandbox; SANDBOX=0 leaves the sandbox off.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { busyPortMessage, devPorts, firstBusyPort, waitUntilAnswering } from './dev-startup.mjs';

const production = process.argv.includes('--production');
const useSandbox = process.env.SANDBOX !== '0';
let stopping = false;

let ports;
try {
  ports = devPorts(process.env);
} catch (error) {
  console.error(`[malipo] ${error.message}`);
  process.exit(1);
}
// Checked before anything starts, so a busy port is one clear line, not a half-started stack.
const busy = await firstBusyPort(ports);
if (busy) {
  console.error(busyPortMessage(busy));
  process.exit(1);
}
const port = String(ports[0].port);
const sandboxPort = String(ports[1]?.port ?? '');

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
let sandbox;
if (useSandbox) {
  env.SANDBOX_URL ??= `http://127.0.0.1:${sandboxPort}`;
  // ClickPesa's simulator signs its webhooks with the app's checksum key and posts them here
  // (demo key only when ClickPesa itself is not configured).
  if (!env.CLICKPESA_CLIENT_ID) env.CLICKPESA_CHECKSUM_KEY ??= 'malipo-demo-clickpesa-checksum-key';
  const sandboxEnv = { ...env, SANDBOX_PORT: sandboxPort, SANDBOX_CLICKPESA_CHECKSUM_KEY: env.CLICKPESA_CHECKSUM_KEY ?? '', SANDBOX_CLICKPESA_WEBHOOK_URL: `${env.APP_URL.replace(/\/$/, '')}/api/webhooks/clickpesa` };
  sandbox = spawn('node_modules/.bin/tsx', ['sandbox/main.ts'], { stdio: 'inherit', env: sandboxEnv });
  children.push(sandbox);
  // The sandbox prints why it failed (e.g. its port was taken after our check): stop everything.
  sandbox.on('exit', (code) => {
    if (!stopping) shutdown(code || 1);
  });
}

if (production) {
  const build = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env });
  if (build.status !== 0) shutdown(1);
}
const app = spawn('node_modules/.bin/next', [production ? 'start' : 'dev', '--port', port, '--hostname', '127.0.0.1'], { stdio: 'inherit', env });
children.push(app);

app.on('exit', (code) => shutdown(code ?? 0));
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

// The banner only once both really answer: until then the URLs would only show an error page.
console.log(`[malipo] starting; waiting for ${env.APP_URL.replace(/\/$/, '')}/api/health to answer...`);
const gaveUp = () => stopping;
try {
  await Promise.all([
    waitUntilAnswering(`http://127.0.0.1:${port}/api/health`, { gaveUp }),
    ...(sandbox ? [waitUntilAnswering(`http://127.0.0.1:${sandboxPort}/_sandbox/health`, { gaveUp })] : []),
  ]);
  console.log(`
[malipo] ready
[malipo] shop      ${env.APP_URL}
[malipo] admin     ${env.APP_URL.replace(/\/$/, '')}/admin
[malipo] sandbox   ${env.SANDBOX_URL ?? '(off)'}${env.SANDBOX_URL ? `  (phone: ${env.SANDBOX_URL}/phone)` : ''}
[malipo] API key   ${env.BOOTSTRAP_API_KEY}
[malipo] database  ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite in .data/'}
`);
} catch {
  // The app or the sandbox exited first; shutdown() has said so and set the exit code.
}

function shutdown(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
