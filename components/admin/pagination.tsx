import Link from 'next/link';
import { filtersToSearchParams, type PaymentFilters } from '@/lib/payments/payment-filters';

/** Newer/older by keyset cursor: each link carries the filters and one cursor, never an offset. */
export function Pagination({ basePath, filters, prevCursor, nextCursor }: { basePath: string; filters: PaymentFilters; prevCursor: string | null; nextCursor: string | null }) {
  const href = (cursor: string | undefined, dir: 'next' | 'prev') => {
    const qs = filtersToSearchParams({ ...filters, cursor, dir }).toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const link = 'rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50';
  const off = 'rounded-lg border border-stone-200 px-3 py-1.5 text-sm text-stone-400';
  return (
    <nav aria-label="Pages" className="flex items-center justify-end gap-2">
      {filters.cursor ? (
        <Link href={href(undefined, 'next')} className={link}>
          ⇤ Newest
        </Link>
      ) : null}
      {prevCursor ? (
        <Link href={href(prevCursor, 'prev')} className={link} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span className={off} aria-disabled="true">← Newer</span>
      )}
      {nextCursor ? (
        <Link href={href(nextCursor, 'next')} className={link} rel="next">
          Older →
        </Link>
      ) : (
        <span className={off} aria-disabled="true">Older →</span>
      )}
    </nav>
  );
}
