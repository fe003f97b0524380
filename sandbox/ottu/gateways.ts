// The sandbox merchant's payment gateway codes. Authorize vs purchase belongs to the pg code
// (providers.md §3.9): mpgs-auth authorizes, the others purchase.
export interface Gateway {
  code: string;
  name: string;
  pg: string;
  operation: 'purchase' | 'authorize';
  currencies: string[];
}

const ALL = ['KWD', 'BHD', 'OMR', 'SAR', 'AED', 'USD'];

export const GATEWAYS: Gateway[] = [
  { code: 'mpgs', name: 'Credit Card', pg: 'mpgs', operation: 'purchase', currencies: ALL },
  { code: 'kpay', name: 'KNET', pg: 'knet', operation: 'purchase', currencies: ['KWD'] },
  { code: 'mpgs-auth', name: 'Credit Card (authorize)', pg: 'mpgs', operation: 'authorize', currencies: ALL },
];

export const gatewayFor = (code: string) => GATEWAYS.find((g) => g.code === code);
