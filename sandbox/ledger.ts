// The provider's own books: what each simulator was asked, what it answered and what it paid.
// Tests compare these with the app's records. Capped so a long dev session cannot grow forever.
import type { LedgerEntry, SandboxProviderId } from './types';

const MAX_ENTRIES = 10_000;

export interface Ledger {
  record(provider: SandboxProviderId, entry: Record<string, unknown>): void;
  list(provider?: string): LedgerEntry[];
  clear(): void;
}

export function createLedger(maxEntries = MAX_ENTRIES): Ledger {
  let entries: LedgerEntry[] = [];
  let seq = 0;

  return {
    record(provider, entry) {
      seq += 1;
      // seq/at/provider come last so an entry can never overwrite them.
      entries.push({ ...entry, seq, at: new Date().toISOString(), provider });
      if (entries.length > maxEntries) entries = entries.slice(-maxEntries);
    },
    list(provider) {
      const selected = provider ? entries.filter((e) => e.provider === provider) : entries;
      return selected.map((e) => ({ ...e }));
    },
    clear() {
      entries = [];
    },
  };
}
