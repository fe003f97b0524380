const STYLES: Record<string, string> = {
  success: 'bg-green-100 text-green-800 ring-green-600/20',
  authorized: 'bg-teal-100 text-teal-800 ring-teal-600/20',
  processing: 'bg-sky-100 text-sky-800 ring-sky-600/20',
  awaiting_otp: 'bg-sky-100 text-sky-800 ring-sky-600/20',
  pending: 'bg-stone-100 text-stone-700 ring-stone-500/20',
  failed: 'bg-red-100 text-red-800 ring-red-600/20',
  cancelled: 'bg-orange-100 text-orange-800 ring-orange-600/20',
  expired: 'bg-stone-200 text-stone-700 ring-stone-500/20',
  refunded: 'bg-violet-100 text-violet-800 ring-violet-600/20',
  partially_refunded: 'bg-violet-100 text-violet-800 ring-violet-600/20',
  voided: 'bg-stone-200 text-stone-700 ring-stone-500/20',
};

const base = 'inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset';

/** Colour is never the only signal: the status is always written out. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`${base} ${STYLES[status] ?? STYLES.pending}`}>{status.replaceAll('_', ' ')}</span>;
}

export function StuckBadge() {
  return (
    <span className={`${base} bg-amber-100 text-amber-900 ring-amber-600/30`} title="Still waiting well past the prompt's expiry">
      stuck
    </span>
  );
}

export function AttentionBadge({ reason }: { reason: string }) {
  return (
    <span className={`${base} bg-rose-100 text-rose-900 ring-rose-600/30`} title="Needs a human">
      ⚑ {reason.replaceAll('_', ' ')}
    </span>
  );
}
