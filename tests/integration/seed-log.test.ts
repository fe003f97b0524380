import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedDemoData, seedDemoUsers } from '@/db/seed';
import { getDb } from '@/lib/server/database';

afterEach(() => vi.restoreAllMocks());

describe('demo passwords in the log', () => {
  it('are printed only by the seed that creates the demo users, never on a later start', async () => {
    const db = await getDb(); // the first start: migrates and seeds (SEED_DEMO_DATA=1)
    const lines: string[] = [];
    for (const method of ['info', 'log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    // Two more starts on the same database.
    await seedDemoData(db);
    expect(await seedDemoUsers(db)).toBe(0);
    expect(lines.join('\n')).not.toMatch(/malipo-(admin|viewer)-demo/);
  });
});
