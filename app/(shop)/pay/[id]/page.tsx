import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { OrderSummary } from '@/components/checkout/order-summary';
import { PaymentModal } from '@/components/checkout/payment-modal';
import { WaitNotice } from '@/components/checkout/wait-notice';
import { paymentIdParams } from '@/lib/api/payment-schemas';
import { shopperViewOf } from '@/lib/payments/shopper-view';
import { getDb } from '@/lib/server/database';
import { checkoutTimings } from '@/lib/shop/checkout';
import { findShopperPayment } from '@/lib/shop/shopper-access';
import { CAPABILITY_PARAM, shopperPaths } from '@/lib/shop/shopper-paths';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Approve the payment', robots: { index: false } };

export default async function PayPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = paymentIdParams.safeParse(await params);
  if (!parsed.success) notFound();
  const db = await getDb();
  const key = (await searchParams)[CAPABILITY_PARAM];
  // Without the capability the payment is as unknown as a missing one.
  const found = await findShopperPayment(db, parsed.data.id, key);
  if (!found) notFound();
  const { payment, order } = found;
  const capability = String(key);
  if (payment.status === 'success') redirect(shopperPaths.receipt(payment.id, capability));
  const view = await shopperViewOf(db, payment);
  const timings = checkoutTimings();
  return (
    <div className="space-y-4">
      {/* Without JavaScript the page itself is the poll: it reloads every 10 s until final. */}
      {/* Not on the OTP step: a reload would wipe the code being typed. */}
      {!view.terminal && view.status !== 'awaiting_otp' && (
        <noscript>
          <meta httpEquiv="refresh" content={String(timings.pollSeconds)} />
        </noscript>
      )}
      <WaitNotice wait={(await searchParams).wait} />
      <h1 className="text-2xl font-bold">{view.flow === 'otp' ? 'Confirm the payment' : 'Approve the payment'}</h1>
      <OrderSummary order={order} />
      <PaymentModal initial={view} capability={capability} pollSeconds={timings.pollSeconds} giveUpSeconds={timings.giveUpSeconds} />
    </div>
  );
}
