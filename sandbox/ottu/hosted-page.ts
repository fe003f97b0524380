// Ottu's hosted checkout page: card form with Pay and Decline, a 3-D Secure step for the 3DS test
// card, then back to the session's redirect_url with order_no, reference_number and session_id
// (providers.md §3.2). Ottu redirects when the webhook answered 200 and keeps the shopper on its
// summary page when it answered 201 (§3.7). Plain forms: works without JavaScript.
import { esc, layout } from '../pages/layout';
import { formatOttuAmount } from './amounts';
import { attempt, notify } from './attempts';
import { gatewayFor } from './gateways';
import { DEFAULT_TEST_CARD, ottuMagicCards, scenarioForCard } from './magic';
import { refreshState, type Session } from './sessions';
import { reply, type Reply } from './replies';
import type { OttuState } from './state';

const OPEN = ['created', 'pending', 'attempted'];
const html = (body: string, status = 200): Reply => ({ ...reply(status, null), html: body });

function back(session: Session, delivered: { ok: boolean; status?: number } | null): Reply {
  if (!session.redirectUrl || (delivered && delivered.ok && delivered.status === 201)) return summary(session);
  const url = new URL(session.redirectUrl);
  url.searchParams.set('order_no', session.orderNo ?? '');
  url.searchParams.set('reference_number', session.referenceNumber ?? '');
  url.searchParams.set('session_id', session.sessionId);
  for (const [k, v] of Object.entries(session.extra ?? {})) if (typeof v === 'string') url.searchParams.set(k, v);
  return { ...reply(303, null), location: url.toString() };
}

function summary(session: Session): Reply {
  return html(layout('Payment summary · Ottu sandbox', `<h1>Payment ${esc(session.state)}</h1>
<p>${esc(session.currency)} ${esc(formatOttuAmount(session.amountMinor, session.currency))} · order <code>${esc(session.orderNo ?? '')}</code> · reference <code>${esc(session.referenceNumber ?? '')}</code></p>`));
}

function hidden(session: Session, pgCode: string, card?: string): string {
  return `<input type="hidden" name="session_id" value="${esc(session.sessionId)}"><input type="hidden" name="pg_code" value="${esc(pgCode)}">${card ? `<input type="hidden" name="card_number" value="${esc(card)}">` : ''}`;
}

function cardPage(session: Session, error?: string): Reply {
  const amount = `${session.currency} ${formatOttuAmount(session.amountMinor, session.currency)}`;
  const pg = session.pgCodes[0] ?? '';
  const options = session.pgCodes.map((c) => `<option value="${esc(c)}">${esc(gatewayFor(c)?.name ?? c)} (${esc(c)})</option>`).join('');
  const cards = ottuMagicCards.map((m) => `<tr><td><code>${esc(m.msisdn)}</code></td><td>${esc(m.outcome)}</td></tr>`).join('');
  return html(layout('Pay · Ottu sandbox', `<h1>Pay ${esc(amount)}</h1>
<p class="muted">Order <code>${esc(session.orderNo ?? '')}</code> · session <code>${esc(session.sessionId.slice(0, 12))}…</code></p>
${error ? `<p role="alert"><strong>${esc(error)}</strong> Try another card.</p>` : ''}
<form method="post" action="pay/" class="card">${hidden(session, pg)}
<p><label>Card number <input name="card_number" value="${DEFAULT_TEST_CARD}" style="width:14rem" autocomplete="off"></label></p>
<p><label>Pay with <select name="pg_code">${options}</select></label></p>
<div class="row"><button class="ok" type="submit" name="action" value="pay">Pay</button>
<button class="no" type="submit" name="action" value="decline">Decline</button></div></form>
<h2>Test cards</h2><table><tbody>${cards}</tbody></table>`));
}

function threeDsPage(session: Session, pgCode: string, card: string): Reply {
  return html(layout('3-D Secure · Ottu sandbox', `<h1>3-D Secure</h1><p>Your bank asks you to confirm this payment.</p>
<form method="post" action="../3ds/" class="row">${hidden(session, pgCode, card)}
<button class="ok" type="submit" name="action" value="authenticate">Authenticate</button>
<button class="no" type="submit" name="action" value="fail">Fail authentication</button></form>`));
}

function openSession(s: OttuState, id: string | null): Session | Reply {
  const session = id ? s.sessions.get(id) : undefined;
  if (!session) return html(layout('Not found · Ottu sandbox', '<h1>Payment link not found</h1>'), 404);
  refreshState(session);
  if (!OPEN.includes(session.state)) return summary(session);
  return session;
}

export function startPage(s: OttuState, sessionId: string | null): Reply {
  const session = openSession(s, sessionId);
  if ('status' in session) return session;
  if (session.state === 'created') session.state = 'pending';
  return cardPage(session);
}

export async function submitPayment(s: OttuState, form: URLSearchParams, step: 'card' | '3ds'): Promise<Reply> {
  const session = openSession(s, form.get('session_id'));
  if ('status' in session) return session;
  const pgCode = form.get('pg_code') ?? '';
  if (!session.pgCodes.includes(pgCode)) return cardPage(session, 'Choose one of the offered payment methods.');
  const card = (form.get('card_number') ?? '').replace(/[\s-]/g, '');
  const action = form.get('action');
  if (action === 'decline') {
    // The shopper gave up on the gateway page: with multi-attempt the session stays open.
    session.state = 'attempted';
    session.result = 'canceled';
    session.message = 'Canceled by the customer';
    return back(session, await notify(s, session, 'payment'));
  }
  const scenario = scenarioForCard(card);
  if (!scenario) return cardPage(session, 'Enter a valid card number.');
  if (step === 'card' && scenario === 'three-ds') return threeDsPage(session, pgCode, card);
  if (step === '3ds' && action === 'fail') {
    const delivered = await attempt(s, session, 'declined', card, pgCode);
    void delivered;
    return cardPage(session, '3-D Secure authentication failed.');
  }
  const delivered = await attempt(s, session, scenario, card, pgCode);
  if (session.state === 'attempted') return cardPage(session, session.message ?? 'Payment declined.');
  return back(session, delivered);
}
