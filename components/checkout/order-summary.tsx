import { Card, Row } from '@/components/ui/card';
import { formatMoney, type Currency } from '@/lib/payments/money';
import type { Order } from '@/lib/payments/orders';
import { StatusBadge } from './status-badge';

export function OrderSummary({ order }: { order: Order }) {
  const currency = order.currency as Currency;
  return (
    <Card>
      <div className="flex items-start justify-between gap-3">
        <h2 className="font-semibold">{order.description}</h2>
        <StatusBadge status={order.paymentStatus} />
      </div>
      <dl className="mt-2">
        <Row label="Order">{order.reference}</Row>
        {order.groupReference && <Row label="Booking group">{order.groupReference}</Row>}
        {order.startDate && <Row label="Starts">{order.startDate}</Row>}
        <Row label="Total">{formatMoney(order.totalMinor, currency)}</Row>
        {order.amountPaidMinor > 0 && <Row label="Paid">{formatMoney(order.amountPaidMinor, currency)}</Row>}
        <Row label="Balance">{formatMoney(Math.max(order.totalMinor - order.amountPaidMinor, 0), currency)}</Row>
      </dl>
    </Card>
  );
}
