import Link from 'next/link';
import type { PaymentListRow } from '@/lib/payments/list-payments';
import { isStuck } from '@/lib/payments/stuck';
import { displayMsisdn, formatAmount, formatDateTime } from '@/lib/admin/present';
import { AttentionBadge, StatusBadge, StuckBadge } from './status-badge';

export function PaymentsTable({ rows, role }: { rows: PaymentListRow[]; role: string }) {
  if (rows.length === 0) {
    return <p className="rounded-xl border border-dashed border-stone-300 bg-white p-8 text-center text-stone-600">No payments match these filters.</p>;
  }
  const now = new Date();
  return (
    <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-stone-200 text-sm">
        <thead className="bg-stone-50 text-left text-xs font-semibold uppercase tracking-wide text-stone-600">
          <tr>
            <th scope="col" className="px-3 py-2">Created</th>
            <th scope="col" className="px-3 py-2">Payment</th>
            <th scope="col" className="px-3 py-2">Provider</th>
            <th scope="col" className="px-3 py-2">Phone</th>
            <th scope="col" className="px-3 py-2 text-right">Amount</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Receipt</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((p) => (
            <tr key={p.id} className="hover:bg-brand-50/50">
              <td className="whitespace-nowrap px-3 py-2 tabular-nums text-stone-600">{formatDateTime(p.createdAt)}</td>
              <td className="px-3 py-2">
                <Link href={`/admin/transactions/${p.id}`} className="font-mono text-xs font-semibold text-brand-700 underline-offset-2 hover:underline">
                  {p.id}
                </Link>
                <div className="text-xs text-stone-500">{p.orderReference}</div>
              </td>
              <td className="px-3 py-2">{p.provider}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{displayMsisdn(p.msisdn, role)}</td>
              <td className="whitespace-nowrap px-3 py-2 text-right font-medium tabular-nums">{formatAmount(p.amountMinor, p.currency)}</td>
              <td className="px-3 py-2">
                <div className="flex flex-wrap gap-1">
                  <StatusBadge status={p.status} />
                  {isStuck(p, now) ? <StuckBadge /> : null}
                  {p.attention ? <AttentionBadge reason={p.attention} /> : null}
                </div>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{p.receipt ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
