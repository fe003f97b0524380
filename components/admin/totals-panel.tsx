import type { DbOrTx } from '@/db';
import { paymentTotals } from '@/lib/payments/list-payments';
import type { PaymentSelection } from '@/lib/payments/payment-filters';
import { formatAmount } from '@/lib/admin/present';

/** Count and amount per currency for the whole filter (all pages), streamed in its own Suspense. */
export async function TotalsPanel({ db, selection }: { db: DbOrTx; selection: PaymentSelection }) {
  const totals = await paymentTotals(db, selection);
  if (totals.length === 0) return null;
  return (
    <section aria-label="Totals for this filter" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {totals.map((t) => (
        <div key={t.currency} className="rounded-xl border border-stone-200 bg-white p-3 shadow-sm">
          <div className="text-xs font-semibold uppercase tracking-wide text-stone-500">{t.currency}</div>
          <div className="mt-1 text-lg font-semibold tabular-nums">{formatAmount(t.amountMinor, t.currency)}</div>
          <div className="text-xs text-stone-600">
            {t.count.toLocaleString('en')} payment{t.count === 1 ? '' : 's'} · collected {formatAmount(t.successMinor, t.currency)} ({t.successCount.toLocaleString('en')})
          </div>
        </div>
      ))}
    </section>
  );
}
