// CLI entry: `npm run sandbox` (tsx sandbox/main.ts). Configuration comes from SANDBOX_* env vars.
import { optionsFromEnv } from './options';
import { startSandbox } from './server';

function portFromEnv(raw: string | undefined): number {
  if (!raw) return 4010;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`SANDBOX_PORT must be 0..65535 (got "${raw}")`);
  return port;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    port: portFromEnv(process.env.SANDBOX_PORT?.trim()),
    host: process.env.SANDBOX_HOST?.trim() || '127.0.0.1',
    options: optionsFromEnv(process.env),
  });
  console.log(`Payment sandbox listening on ${sandbox.url} (phone: ${sandbox.url}/phone)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal means "now": don't make the developer wait for a clean close.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`Sandbox stopping (${signal})`);
    // close() is prompt by design; the deadline only guards against a stuck handler.
    setTimeout(() => process.exit(1), 3000).unref();
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
