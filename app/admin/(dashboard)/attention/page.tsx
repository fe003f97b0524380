import type { Metadata } from 'next';
import { TransactionsView } from '@/components/admin/transactions-view';
import { requirePageRole } from '@/lib/auth/guards';
import { parsePaymentFiltersLenient } from '@/lib/payments/payment-filters';

export const metadata: Metadata = { title: 'Needs attention' };

export default async function AttentionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageRole('viewer', '/admin/attention');
  const { filters, problems } = parsePaymentFiltersLenient(await searchParams);
  return (
    <TransactionsView
      user={user}
      filters={{ ...filters, attention: true }}
      problems={problems}
      basePath="/admin/attention"
      title="Needs attention"
      intro="Amount mismatches, late contradictory callbacks, overpaid orders, and payments still waiting more than 5 minutes after their prompt expired."
    />
  );
}
