const STYLES: Record<string, string> = {
  paid: 'bg-green-100 text-green-800',
  success: 'bg-green-100 text-green-800',
  deposit_paid: 'bg-amber-100 text-amber-800',
  processing: 'bg-sky-100 text-sky-800',
  awaiting_otp: 'bg-sky-100 text-sky-800',
  pending: 'bg-stone-100 text-stone-700',
  failed: 'bg-red-100 text-red-800',
  cancelled: 'bg-red-100 text-red-800',
  expired: 'bg-stone-200 text-stone-700',
};

const LABELS: Record<string, string> = { deposit_paid: 'deposit paid', awaiting_otp: 'awaiting code' };

/** Colour is never the only signal: the status is always written out. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[status] ?? 'bg-stone-100 text-stone-700'}`}>
      {LABELS[status] ?? status.replaceAll('_', ' ')}
    </span>
  );
}
