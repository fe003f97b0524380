import type { Metadata } from 'next';
import { TransactionsView } from '@/components/admin/transactions-view';
import { requirePageRole } from '@/lib/auth/guards';
import { filtersToSearchParams, parsePaymentFiltersLenient } from '@/lib/payments/payment-filters';

export const metadata: Metadata = { title: 'Transactions' };

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { filters, problems } = parsePaymentFiltersLenient(await searchParams);
  const qs = filtersToSearchParams(filters).toString();
  const user = await requirePageRole('viewer', `/admin/transactions${qs ? `?${qs}` : ''}`);
  return <TransactionsView user={user} filters={filters} problems={problems} basePath="/admin/transactions" title="Transactions" />;
}
