// What one payment attempt does to a session: the card's magic scenario decides; the session's
// pg code decides purchase (paid) or authorize (authorized). Multi-attempt is on (the Checkout
// API default): a declined attempt leaves the session `attempted`, open for another card.
import type { DeliveryResult } from '../http-client';
import type { OttuCardScenario } from './magic';
import { gatewayFor } from './gateways';
import { paymentBody, signatureForm, type SavedCard, type Session } from './sessions';
import { signOttuPayload } from './signature';
import { newReference, type OttuState } from './state';
import { deliverWebhook } from './webhooks';

const SUCCESS_STATES = ['paid', 'authorized'];

function successState(session: Session): string {
  return gatewayFor(session.pgCode ?? '')?.operation === 'authorize' ? 'authorized' : 'paid';
}

function saveCard(s: OttuState, session: Session, cardNumber: string): void {
  const customerId = session.customer.customer_id;
  if (session.paymentType === 'one_off' || !customerId || session.token) return;
  const digits = cardNumber.replace(/\D/g, '');
  const card: SavedCard = {
    token: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    customerId,
    pgCode: session.pgCode ?? session.pgCodes[0] ?? '',
    number: `**** ${digits.slice(-4)}`,
    brand: digits.startsWith('5') ? 'MASTERCARD' : 'VISA',
    expiryMonth: '12',
    expiryYear: String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0'),
    cardNumber: digits,
  };
  s.cards.set(card.token, card);
  session.token = card;
}

export function signedPaymentBody(s: OttuState, session: Session): Record<string, unknown> {
  return signOttuPayload(paymentBody(session), s.config().webhookKey, signatureForm(session));
}

export async function notify(s: OttuState, session: Session, label: string): Promise<DeliveryResult | null> {
  return deliverWebhook(s.ctx, s.config(), session.webhookUrl, signedPaymentBody(s, session), label);
}

function settle(session: Session, state: string, result: string, message: string | null): void {
  session.state = state;
  session.result = result;
  session.message = message;
  session.referenceNumber = newReference();
}

/** Applies the attempt and delivers its webhook; the answer decides the shopper's redirect. */
export async function attempt(s: OttuState, session: Session, scenario: OttuCardScenario, cardNumber: string, pgCode: string): Promise<DeliveryResult | null> {
  session.pgCode = pgCode;
  s.ctx.record('ottu', { kind: 'attempt', sessionId: session.sessionId, scenario, card: `**** ${cardNumber.slice(-4)}` });
  switch (scenario) {
    case 'success':
    case 'three-ds':
    case 'webhook-lost':
      settle(session, successState(session), 'success', null);
      saveCard(s, session, cardNumber);
      if (scenario === 'webhook-lost') {
        s.ctx.record('ottu', { kind: 'webhook', sessionId: session.sessionId, skipped: 'magic card: webhook lost' });
        return null;
      }
      return notify(s, session, 'payment');
    case 'declined':
      settle(session, 'attempted', 'failed', 'Declined by the issuer');
      return notify(s, session, 'payment');
    case 'insufficient':
      settle(session, 'attempted', 'failed', 'Insufficient funds');
      return notify(s, session, 'payment');
    case 'delayed-result': {
      // The gateway answered "error" at once and the real result came later (§3.6).
      settle(session, 'failed', 'error', 'No response from the payment gateway');
      const delivered = await notify(s, session, 'payment');
      s.ctx.later(s.config().lateResultMs, async () => {
        if (s.sessions.get(session.sessionId) !== session || SUCCESS_STATES.includes(session.state)) return;
        settle(session, successState(session), 'success', null);
        await notify(s, session, 'late payment result');
      });
      return delivered;
    }
  }
}
