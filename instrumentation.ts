// Runs once when a Next.js server starts (next start, next dev, any Node host): validate the
// configuration, open and migrate the database, then start the background timer.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv, EnvError } = await import('./lib/env');
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // Stop here with the variable named rather than fail later in the middle of a payment.
    console.error(`[malipo] ${error.message}`);
    process.exit(1);
  }
  const { getDatabase } = await import('./lib/server/database');
  const database = await getDatabase();
  console.info(`[malipo] database ready (${database.kind})`);
  const { startBackgroundTimer } = await import('./lib/server/background');
  startBackgroundTimer();
}
