import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventTimeline } from '@/components/admin/event-timeline';
import { AttentionDecisionForm } from '@/components/admin/attention-decision-form';
import { RequeryForm } from '@/components/admin/requery-form';
import { AttentionBadge, StatusBadge, StuckBadge } from '@/components/admin/status-badge';
import { loadPaymentDetail } from '@/lib/admin/payment-detail';
import { displayMsisdn, formatAmount, formatDateTime } from '@/lib/admin/present';
import { requirePageRole } from '@/lib/auth/guards';
import { ATTENTION_REASONS } from '@/lib/payments/stuck';
import { getDb } from '@/lib/server/database';
import { requeryPaymentAction, resolveAttentionAction } from './actions';

export const metadata: Metadata = { title: 'Payment' };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageRole('viewer', `/admin/transactions/${encodeURIComponent(id)}`);
  const detail = await loadPaymentDetail(await getDb(), id);
  if (!detail) notFound();
  const { payment: p, order, events, actions, stuck } = detail;
  const isAdmin = user.role === 'admin';
  return (
    <div className="space-y-5">
      <div>
        <Link href="/admin/transactions" className="text-sm text-brand-700 hover:underline">
          ← Transactions
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <h1 className="font-mono text-xl font-bold">{p.id}</h1>
          <StatusBadge status={p.status} />
          {stuck ? <StuckBadge /> : null}
          {p.attention ? <AttentionBadge reason={p.attention} /> : null}
        </div>
        <p className="mt-1 text-2xl font-semibold tabular-nums">{formatAmount(p.amountMinor, p.currency)}</p>
        {p.attention ? <p className="mt-1 text-sm text-rose-900">{ATTENTION_REASONS[p.attention] ?? p.attention}</p> : null}
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <section className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm lg:col-span-2">
          <h2 className="mb-2 font-semibold">Payment</h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <Item label="Provider">{p.provider}</Item>
            <Item label="Phone">{displayMsisdn(p.msisdn, user.role) || '—'}</Item>
            <Item label="Created">{formatDateTime(p.createdAt)}</Item>
            <Item label="Completed">{p.completedAt ? formatDateTime(p.completedAt) : '—'}</Item>
            <Item label="Prompt expires">{p.expiresAt ? formatDateTime(p.expiresAt) : '—'}</Item>
            <Item label="Receipt">{p.receipt ?? '—'}</Item>
            <Item label="Provider reference">{p.providerReference ?? '—'}</Item>
            <Item label="Provider transaction">{p.providerTransactionId ?? '—'}</Item>
            <Item label="Provider status">{p.providerStatus ?? '—'}</Item>
            <Item label="Merchant reference">{p.reference ?? '—'}</Item>
            <Item label="Failure">{p.failureCode ? `${p.failureCode}: ${p.failureMessage ?? ''}` : '—'}</Item>
            <Item label="Status checks">{`${p.checkAttempts}${p.nextCheckAt ? `, next ${formatDateTime(p.nextCheckAt)}` : ''}`}</Item>
            {p.retryOf ? (
              <Item label="Retry of">
                <Link href={`/admin/transactions/${p.retryOf}`} className="font-mono text-brand-700 hover:underline">
                  {p.retryOf}
                </Link>
              </Item>
            ) : null}
          </dl>
        </section>
        <div className="space-y-4">
          <section className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
            <h2 className="mb-2 font-semibold">Order</h2>
            {order ? (
              <dl className="space-y-1 text-sm">
                <Item label="Reference">{order.reference}</Item>
                <Item label="Description">{order.description}</Item>
                <Item label="Total">{formatAmount(order.totalMinor, order.currency)}</Item>
                <Item label="Paid">{formatAmount(order.amountPaidMinor, order.currency)}</Item>
                <Item label="Order status">{order.paymentStatus.replace('_', ' ')}</Item>
                <Item label="Customer">{order.customerName ?? '—'}</Item>
              </dl>
            ) : (
              <p className="text-sm text-stone-600">Order not found.</p>
            )}
          </section>
          <section className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
            <h2 className="mb-2 font-semibold">Actions</h2>
            {actions.includes('requery') ? (
              isAdmin ? (
                <RequeryForm paymentId={p.id} action={requeryPaymentAction} />
              ) : (
                <p className="text-sm text-stone-600">An admin can re-query this payment&apos;s status.</p>
              )
            ) : (
              <p className="text-sm text-stone-600">None: the payment is settled. Refund, capture and void will appear here for providers that offer them.</p>
            )}
          </section>
          {p.attention || stuck ? (
            <section className="rounded-xl border border-rose-200 bg-white p-4 shadow-sm">
              <h2 className="mb-2 font-semibold">Decide</h2>
              {isAdmin ? (
                <AttentionDecisionForm paymentId={p.id} action={resolveAttentionAction} />
              ) : (
                <p className="text-sm text-stone-600">An admin can accept this payment as paid, mark it failed, or add a note.</p>
              )}
            </section>
          ) : null}
        </div>
      </div>

      <section className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
        <h2 className="mb-3 font-semibold">Timeline</h2>
        <EventTimeline events={events} role={user.role} />
      </section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 border-b border-stone-100 py-1 last:border-0">
      <dt className="text-stone-600">{label}</dt>
      <dd className="text-right font-medium break-all">{children}</dd>
    </div>
  );
}
