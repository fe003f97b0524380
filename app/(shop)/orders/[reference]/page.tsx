import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderSummary } from '@/components/checkout/order-summary';
import { StatusBadge } from '@/components/checkout/status-badge';
import { buttonClasses } from '@/components/ui/button';
import { formatMoney, type Currency } from '@/lib/payments/money';
import { getDb } from '@/lib/server/database';
import { listOrderPayments } from '@/lib/shop/orders';
import { findShopperOrder } from '@/lib/shop/shopper-access';
import { CAPABILITY_PARAM, shopperPaths } from '@/lib/shop/shopper-paths';

export const dynamic = 'force-dynamic';

export default async function OrderPage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reference } = await params;
  const key = (await searchParams)[CAPABILITY_PARAM];
  const db = await getDb();
  // Without the capability the order is as unknown as a missing one.
  const order = await findShopperOrder(db, reference, key);
  if (!order) notFound();
  const capability = String(key);
  const attempts = await listOrderPayments(db, order.id);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Your order</h1>
      <OrderSummary order={order} />
      {order.paymentStatus !== 'paid' && (
        <Link href={shopperPaths.checkout(order.reference, capability)} className={buttonClasses()}>
          {order.amountPaidMinor > 0 ? 'Pay the balance' : 'Pay now'}
        </Link>
      )}
      {attempts.length > 0 && (
        <section aria-labelledby="attempts">
          <h2 id="attempts" className="font-semibold">Payments</h2>
          <ul className="mt-2 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white text-sm">
            {attempts.map((p) => (
              <li key={p.id}>
                <Link href={p.status === 'success' ? shopperPaths.receipt(p.id, capability) : shopperPaths.pay(p.id, capability)} className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-stone-50">
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
