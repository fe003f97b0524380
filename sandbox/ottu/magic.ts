// Ottu magic test cards, typed on the hosted payment page (like Stripe's test cards).
import type { MagicNumber } from '../types';

export type OttuCardScenario = 'success' | 'declined' | 'insufficient' | 'three-ds' | 'delayed-result' | 'webhook-lost';

const TABLE: { card: string; scenario: OttuCardScenario; outcome: string }[] = [
  { card: '4242424242424242', scenario: 'success', outcome: 'paid (authorized when the pg code authorizes, e.g. mpgs-auth); signed webhook, then redirect' },
  { card: '4000000000000002', scenario: 'declined', outcome: 'declined: attempt failed, session stays open as attempted (multi-attempt)' },
  { card: '4000000000009995', scenario: 'insufficient', outcome: 'declined "Insufficient funds": attempted' },
  { card: '4000000000003220', scenario: 'three-ds', outcome: '3-D Secure page first; Authenticate pays, Fail declines' },
  { card: '4000000000000259', scenario: 'delayed-result', outcome: 'failed at once (webhook), then a late paid webhook after ottuLateResultMs' },
  { card: '4000000000000341', scenario: 'webhook-lost', outcome: 'paid, but no webhook is ever sent: only inquiry tells' },
];

export const ottuMagicCards: MagicNumber[] = TABLE.map(({ card, outcome }) => ({ msisdn: card, outcome: `card: ${outcome}` }));

/** Digits only; any other well-formed number (12–19 digits) pays. */
export function scenarioForCard(cardNumber: string): OttuCardScenario | null {
  const digits = cardNumber.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return null;
  return TABLE.find((row) => row.card === digits)?.scenario ?? 'success';
}

export const DEFAULT_TEST_CARD = '4242424242424242';
