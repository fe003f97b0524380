import Link from 'next/link';
import { WaitNotice } from '@/components/checkout/wait-notice';
import { Card } from '@/components/ui/card';
import { formatMoney, type Currency } from '@/lib/payments/money';
import { demoOrderCapability } from '@/lib/payments/order-capability';
import { getDb } from '@/lib/server/database';
import { listTours } from '@/lib/shop/catalog';
import { listOpenOrders } from '@/lib/shop/orders';
import { shopperPaths } from '@/lib/shop/shopper-paths';
import { bookTourAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function StorefrontPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const db = await getDb();
  const [tours, openOrders] = await Promise.all([listTours(db), listOpenOrders(db, 8)]);
  return (
    <div className="space-y-6">
      <WaitNotice wait={(await searchParams).wait} />
      <div>
        <h1 className="text-2xl font-bold">Safari tours</h1>
        <p className="mt-1 text-stone-600">Book a tour and pay from your phone with mobile money.</p>
      </div>
      <ul className="space-y-3">
        {tours.map((tour) => (
          <li key={tour.id}>
            <Card>
              <h2 className="font-semibold">{tour.name}</h2>
              <p className="mt-1 text-sm text-stone-600">{tour.description}</p>
              <div className="mt-3 flex items-center justify-between gap-3">
                <div>
                  <p className="font-bold">{formatMoney(tour.priceMinor, tour.currency as Currency)}</p>
                  <p className="text-xs text-stone-500">
                    {tour.country}
                    {tour.startDate ? ` · starts ${tour.startDate}` : ''}
                    {tour.depositPercent ? ` · ${tour.depositPercent}% deposit` : ''}
                  </p>
                </div>
                <form action={bookTourAction}>
                  <input type="hidden" name="slug" value={tour.slug} />
                  <button className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900" aria-label={`Book ${tour.name}`}>
                    Book
                  </button>
                </form>
              </div>
            </Card>
          </li>
        ))}
      </ul>
      {openOrders.length > 0 && (
        <section aria-labelledby="open-orders">
          <h2 id="open-orders" className="text-lg font-semibold">Orders waiting for payment</h2>
          <ul className="mt-2 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {openOrders.map((order) => (
              <li key={order.id}>
                {/* Seeded demo orders only (listOpenOrders): their capability is public by design. */}
                <Link href={shopperPaths.order(order.reference, demoOrderCapability(order.id))} className="flex justify-between gap-3 px-4 py-3 text-sm hover:bg-stone-50">
                  <span>
                    <span className="font-medium">{order.reference}</span> · {order.description}
                  </span>
                  <span className="shrink-0 font-semibold">{formatMoney(order.totalMinor - order.amountPaidMinor, order.currency as Currency)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
