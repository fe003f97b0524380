import type { paymentEvents } from '@/db/schema';
import { hasRole } from '@/lib/auth/roles';
import { formatDateTime, maskPhonesIn, maskPhonesInText } from '@/lib/admin/present';

type PaymentEvent = typeof paymentEvents.$inferSelect;

const KIND_STYLES: Record<string, string> = {
  request: 'bg-sky-100 text-sky-800',
  response: 'bg-indigo-100 text-indigo-800',
  webhook: 'bg-violet-100 text-violet-800',
  status_change: 'bg-green-100 text-green-800',
  note: 'bg-stone-200 text-stone-700',
  error: 'bg-red-100 text-red-800',
};

/** The payment's audit trail, oldest first; payloads were redacted when they were recorded. */
export function EventTimeline({ events, role }: { events: PaymentEvent[]; role: string }) {
  if (events.length === 0) return <p className="text-sm text-stone-600">No events recorded.</p>;
  const full = hasRole(role, 'admin');
  return (
    <ol className="relative space-y-4 border-l-2 border-stone-200 pl-5" aria-label="Event timeline">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <span className="absolute -left-[27px] top-1.5 h-3 w-3 rounded-full border-2 border-white bg-brand-600" aria-hidden="true" />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${KIND_STYLES[e.kind] ?? KIND_STYLES.note}`}>{e.kind.replace('_', ' ')}</span>
            <span className="font-medium">{full ? e.summary : maskPhonesInText(e.summary)}</span>
            {e.httpStatus ? <span className="rounded bg-stone-100 px-1.5 text-xs tabular-nums">HTTP {e.httpStatus}</span> : null}
            <time className="ml-auto text-xs tabular-nums text-stone-500" dateTime={e.createdAt.toISOString()}>
              {formatDateTime(e.createdAt)}
            </time>
          </div>
          {e.payload !== null && e.payload !== undefined ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-brand-700">Payload (redacted)</summary>
              <pre className="mt-1 max-h-80 overflow-auto rounded-lg bg-stone-900 p-3 text-xs text-stone-100">{JSON.stringify(full ? e.payload : maskPhonesIn(e.payload), null, 2)}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
