// Our payment id ↔ the orderReference ClickPesa knows the attempt by.

/**
 * ClickPesa wants an alphanumeric orderReference, unique per request. Ours is the payment id
 * without its underscore: unique per attempt, and it leads back to the payment even when the
 * initiate answer was lost (see paymentIdForOrderReference).
 */
export function orderReferenceFor(paymentId: string): string {
  return paymentId.replace(/[^A-Za-z0-9]/g, '');
}

export function paymentIdForOrderReference(orderReference: string): string | null {
  const match = /^pay([0-9a-z]{20})$/.exec(orderReference);
  return match ? `pay_${match[1]}` : null;
}
