import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderSummary } from '@/components/checkout/order-summary';
import { StatusBadge } from '@/components/checkout/status-badge';
import { buttonClasses } from '@/components/ui/button';
import { findOrder } from '@/lib/payments';
import { formatMoney, type Currency } from '@/lib/payments/money';
import { getDb } from '@/lib/server/database';
import { listOrderPayments } from '@/lib/shop/orders';

export const dynamic = 'force-dynamic';

export default async function OrderPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const db = await getDb();
  const order = await findOrder(db, reference);
  if (!order) notFound();
  const attempts = await listOrderPayments(db, order.id);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Your order</h1>
      <OrderSummary order={order} />
      {order.paymentStatus !== 'paid' && (
        <Link href={`/checkout/${order.reference}`} className={buttonClasses()}>
          {order.amountPaidMinor > 0 ? 'Pay the balance' : 'Pay now'}
        </Link>
      )}
      {attempts.length > 0 && (
        <section aria-labelledby="attempts">
          <h2 id="attempts" className="font-semibold">Payments</h2>
          <ul className="mt-2 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white text-sm">
            {attempts.map((p) => (
              <li key={p.id}>
                <Link href={p.status === 'success' ? `/receipt/${p.id}` : `/pay/${p.id}`} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-stone-50">
                  <span>{formatMoney(p.amountMinor, p.currency as Currency)} · {p.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</span>
                  <StatusBadge status={p.status} />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
