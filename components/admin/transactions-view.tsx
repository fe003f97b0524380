import { Suspense } from 'react';
import { getDb } from '@/lib/server/database';
import { AppError } from '@/lib/errors';
import { listPayments } from '@/lib/payments/list-payments';
import { filtersToSearchParams, selectionOf, type PaymentFilters as Filters } from '@/lib/payments/payment-filters';
import type { AdminUser } from '@/lib/auth/roles';
import { PaymentFilters } from './payment-filters';
import { PaymentsTable } from './payments-table';
import { Pagination } from './pagination';
import { TotalsPanel } from './totals-panel';

interface Props {
  user: AdminUser;
  filters: Filters;
  problems: string[];
  basePath: string;
  title: string;
  intro?: string;
}

/** The list page body, shared by "Transactions" and "Needs attention" (which forces a filter). */
export async function TransactionsView({ user, filters, problems, basePath, title, intro }: Props) {
  const selection = selectionOf(filters);
  const selectionQs = filtersToSearchParams(selection).toString();
  const pageKey = filtersToSearchParams(filters).toString();
  const db = await getDb();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
          {intro ? <p className="text-sm text-stone-600">{intro}</p> : null}
        </div>
        <a href={`/api/admin/payments/export${selectionQs ? `?${selectionQs}` : ''}`} className="rounded-lg border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50" download>
          Export CSV
        </a>
      </div>
      <PaymentFilters />
      {problems.length ? (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Ignored: {problems.join('; ')}
        </p>
      ) : null}
      <Suspense key={`totals:${selectionQs}`} fallback={<div className="h-20 animate-pulse rounded-xl bg-stone-200" />}>
        <TotalsPanel db={db} selection={selection} />
      </Suspense>
      <Suspense key={`list:${pageKey}`} fallback={<div className="h-96 animate-pulse rounded-xl bg-stone-200" aria-busy="true" />}>
        <PaymentsPage db={db} filters={filters} role={user.role} basePath={basePath} />
      </Suspense>
    </div>
  );
}

async function PaymentsPage({ db, filters, role, basePath }: { db: Awaited<ReturnType<typeof getDb>>; filters: Filters; role: string; basePath: string }) {
  let page;
  let notice: string | null = null;
  try {
    page = await listPayments(db, filters);
  } catch (error) {
    // A hand-edited or stale cursor: show the first page rather than an error screen.
    if (!(error instanceof AppError) || error.field !== 'cursor') throw error;
    page = await listPayments(db, { ...filters, cursor: undefined, dir: 'next' });
    notice = 'That page link is no longer valid: showing the newest payments.';
  }
  return (
    <div className="space-y-3">
      {notice ? (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      ) : null}
      <PaymentsTable rows={page.rows} role={role} />
      <Pagination basePath={basePath} filters={filters} prevCursor={page.prevCursor} nextCursor={page.nextCursor} />
    </div>
  );
}
