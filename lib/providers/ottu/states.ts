// Ottu transaction states (providers.md §3.6) → our outcome vocabulary. Only documented final
// states are final; anything unknown stays processing (never a verdict).
import type { OutcomeStatus } from '../types';

const STATE_MAP: Record<string, OutcomeStatus> = {
  paid: 'success',
  authorized: 'success',
  cod: 'success',
  failed: 'failed',
  invalided: 'failed',
  canceled: 'cancelled',
  expired: 'expired',
  // Still open: the shopper may try again on the same session (multi-attempt).
  created: 'processing',
  pending: 'processing',
  attempted: 'processing',
};

export function mapOttuState(state: string | null | undefined): OutcomeStatus {
  const key = (state ?? '').trim().toLowerCase();
  return Object.hasOwn(STATE_MAP, key) ? (STATE_MAP[key] ?? 'processing') : 'processing';
}
