import { CAPABILITY_PARAM } from '@/lib/shop/shopper-paths';

/** The hidden fields every shopper form posts: the payment and its order's capability (no JavaScript needed). */
export function PaymentFields({ paymentId, capability }: { paymentId: string; capability: string }) {
  return (
    <>
      <input type="hidden" name="paymentId" value={paymentId} />
      <input type="hidden" name={CAPABILITY_PARAM} value={capability} />
    </>
  );
}
