import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { OrderSummary } from '@/components/checkout/order-summary';
import { formatMoney, type Currency } from '@/lib/payments/money';
import { getDb } from '@/lib/server/database';
import { loadCheckout } from '@/lib/shop/checkout';
import { CAPABILITY_PARAM, shopperPaths } from '@/lib/shop/shopper-paths';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Checkout' };


export default async function CheckoutPage({ params, searchParams }: { params: Promise<{ reference: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reference } = await params;
  const key = (await searchParams)[CAPABILITY_PARAM];
  const checkout = await loadCheckout(await getDb(), reference, key);
  if (!checkout) notFound();
  const { order, balanceMinor, depositMinor: deposit, methods } = checkout;
  const currency = order.currency as Currency;
  if (balanceMinor === 0) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Already paid</h1>
        <OrderSummary order={order} />
        <Link href={shopperPaths.order(order.reference, String(key))} className="text-brand-700 underline">See the order</Link>
      </div>
    );
  }
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Checkout</h1>
      <OrderSummary order={order} />
      <CheckoutForm
        reference={order.reference}
        capability={String(key)}
        clientToken={randomUUID()}
        methods={methods.map((m) => ({ id: m.id, name: m.name, available: m.available, country: m.country }))}
        balanceLabel={formatMoney(balanceMinor, currency)}
        depositLabel={deposit !== null ? formatMoney(deposit, currency) : null}
      />
      <p className="text-center text-xs text-stone-500">You will approve the payment on your phone. We never ask for your PIN.</p>
    </div>
  );
}
