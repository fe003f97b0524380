// The shopper's URLs, each carrying the order's capability (lib/payments/order-capability.ts) as
// `?key=`: the pages, the poll and the forms all refuse without it. Client-safe: no secrets here,
// only the token the shopper already holds.

export const CAPABILITY_PARAM = 'key';

const withKey = (path: string, key: string, extra = '') => `${path}?${CAPABILITY_PARAM}=${encodeURIComponent(key)}${extra}`;

export const shopperPaths = {
  checkout: (reference: string, key: string) => withKey(`/checkout/${reference}`, key),
  order: (reference: string, key: string) => withKey(`/orders/${reference}`, key),
  pay: (paymentId: string, key: string, extra = '') => withKey(`/pay/${paymentId}`, key, extra),
  receipt: (paymentId: string, key: string) => withKey(`/receipt/${paymentId}`, key),
  poll: (paymentId: string, key: string) => withKey(`/api/checkout/payments/${paymentId}`, key),
};
