import 'server-only';
import { EnvError, getEnv } from '@/lib/env';
import { startBackgroundTimer } from './background';
import { getDatabase } from './database';

/** Validate configuration, open and migrate the database, start the background timer. */
export async function startServer(): Promise<void> {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // Stop here with the variable named rather than fail later in the middle of a payment.
    console.error(`[malipo] ${error.message}`);
    process.exit(1);
  }
  const database = await getDatabase();
  console.info(`[malipo] database ready (${database.kind})`);
  startBackgroundTimer();
}
