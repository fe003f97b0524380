// Runs once when a Next.js server starts (next start, next dev, any Node host). The work lives
// in lib/server/startup.ts so the Edge bundle never sees Node APIs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server/startup');
  await startServer();
}
