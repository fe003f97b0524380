// One function per Ottu JSON endpoint (providers.md §3.2–3.5). Each returns a Reply.
import { formatOttuAmount, parseOttuAmount } from './amounts';
import { notify, signedPaymentBody, attempt } from './attempts';
import { GATEWAYS } from './gateways';
import { scenarioForCard } from './magic';
import type { Part } from './multipart';
import { REQUIRED, detail, fieldErrors, invalidChoice, notFound, reply, type Reply } from './replies';
import { refreshState, sessionView, type Session } from './sessions';
import { findSession, newSessionId, type OttuState } from './state';
import { validateCheckout } from './validation';

const OPEN = ['created', 'pending', 'attempted'];
const ATTACHMENT_EXTENSIONS = ['pdf', 'jpeg', 'png', 'doc', 'docx', 'jpg', 'xls', 'xlsx', 'txt'];

export function createSession(s: OttuState, body: Record<string, unknown>, origin: string): Reply {
  const checked = validateCheckout(body);
  if (!checked.ok) return fieldErrors(checked.errors);
  const i = checked.input;
  if (i.orderNo && [...s.sessions.values()].some((x) => x.orderNo === i.orderNo)) return fieldErrors({ order_no: ['Payment transaction with this order no already exists.'] });
  const now = Date.now();
  const session: Session = {
    sessionId: newSessionId(), type: i.type, paymentType: i.paymentType, amountMinor: i.amountMinor, currency: i.currency,
    pgCodes: i.pgCodes, orderNo: i.orderNo, customer: i.customer, webhookUrl: i.webhookUrl, redirectUrl: i.redirectUrl,
    language: i.language, expirationTime: i.expirationTime, expiresAt: now + i.expiresInMs, agreement: i.agreement, extra: i.extra,
    attachment: null, state: 'created', result: null, message: null, pgCode: null, referenceNumber: null,
    capturedMinor: 0, refundedMinor: 0, token: null, createdAt: now, inquiries: [], origin,
  };
  s.sessions.set(session.sessionId, session);
  return { ...reply(201, sessionView(session)), ledger: { sessionId: session.sessionId } };
}

export function retrieveSession(s: OttuState, id: string): Reply {
  const session = s.sessions.get(id);
  if (!session) return notFound();
  refreshState(session);
  return reply(200, sessionView(session));
}

function attach(session: Session, file: Part): Reply | null {
  const name = file.filename ?? '';
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (!ATTACHMENT_EXTENSIONS.includes(extension)) return fieldErrors({ attachment: [`File extension “${extension}” is not allowed. Allowed extensions are: ${ATTACHMENT_EXTENSIONS.join(', ')}.`] });
  if (name.length > 100) return fieldErrors({ attachment: [`Ensure this filename has at most 100 characters (it has ${name.length}).`] });
  if (file.data.length === 0) return fieldErrors({ attachment: ['The submitted file is empty.'] });
  session.attachment = `${session.origin}/media/attachments/${encodeURIComponent(name)}`;
  return null;
}

/** PATCH: JSON fields or a multipart attachment, only while the session is still open. */
export function updateSession(s: OttuState, id: string, body: Record<string, unknown>, files: Part[]): Reply {
  const session = s.sessions.get(id);
  if (!session) return notFound();
  refreshState(session);
  if (!OPEN.includes(session.state)) return detail(400, `A payment transaction in the ${session.state} state cannot be updated.`);
  if (body.amount !== undefined) {
    const amount = parseOttuAmount(body.amount, session.currency);
    if (!amount.ok) return fieldErrors({ amount: [amount.message] });
    if (amount.minor <= 0) return fieldErrors({ amount: ['Ensure this value is greater than 0.'] });
    session.amountMinor = amount.minor;
  }
  const file = files.find((f) => f.name === 'attachment' && f.filename !== undefined);
  if (file) {
    const refused = attach(session, file);
    if (refused) return refused;
  }
  return reply(200, sessionView(session));
}

export function paymentMethods(body: Record<string, unknown>): Reply {
  if (body.plugin === undefined) return fieldErrors({ plugin: [REQUIRED] });
  if (body.plugin !== 'e_commerce' && body.plugin !== 'payment_request') return fieldErrors({ plugin: [invalidChoice(body.plugin)] });
  const currencies = Array.isArray(body.currencies) ? body.currencies.filter((c): c is string => typeof c === 'string') : [];
  const live = body.type === 'production';
  const methods = live ? [] : GATEWAYS.filter((g) =>
    (currencies.length === 0 || currencies.some((c) => g.currencies.includes(c))) &&
    (!body.operation || body.operation === g.operation) &&
    (!Array.isArray(body.pg_names) || body.pg_names.includes(g.pg)));
  return reply(200, {
    payment_methods: methods.map((g) => ({
      code: g.code, name: g.name, pg: g.pg, is_sandbox: true, logo: '', wallets: [], default_currency: g.currencies[0],
      accepted_currencies: g.currencies, operation: g.operation, operations: g.operation === 'authorize' ? ['capture', 'void', 'refund'] : ['refund'],
    })),
    customer_payment_methods: [],
  });
}

/** Throttled as documented (§3.4); the throttled answer itself is undocumented: a 429 here. */
export async function inquiry(s: OttuState, body: Record<string, unknown>): Promise<Reply> {
  if (body.session_id === undefined && body.order_no === undefined) return fieldErrors({ non_field_errors: ['Either session_id or order_no must be provided.'] });
  const session = findSession(s, body);
  if (!session) return notFound();
  refreshState(session);
  const cfg = s.config();
  const now = Date.now();
  const today = session.inquiries.filter((t) => now - t < 24 * 3600_000);
  const last = session.inquiries.at(-1);
  if (now < session.createdAt + cfg.inquiryGraceMs) return detail(429, 'Inquiry is not allowed within 10 minutes of the payment transaction creation.');
  if (last !== undefined && now < last + cfg.inquirySpacingMs) return detail(429, 'Inquiry is allowed once every 30 minutes per payment transaction.');
  if (today.length >= cfg.inquiryPerDay) return detail(429, `Inquiry is allowed at most ${cfg.inquiryPerDay} times a day per payment transaction.`);
  session.inquiries.push(now);
  if (body.notify_webhook_url === true) {
    const target = typeof body.webhook_url === 'string' ? body.webhook_url : session.webhookUrl;
    s.ctx.later(0, async () => void (await notify(s, { ...session, webhookUrl: target }, 'inquiry')));
  }
  return reply(200, signedPaymentBody(s, session));
}

export function listCards(s: OttuState, body: Record<string, unknown>): Reply {
  const errors: Record<string, string[]> = {};
  if (typeof body.customer_id !== 'string' || !body.customer_id) errors.customer_id = [REQUIRED];
  if (body.type !== 'sandbox' && body.type !== 'production') errors.type = [body.type === undefined ? REQUIRED : invalidChoice(body.type)];
  if (Object.keys(errors).length) return fieldErrors(errors);
  const pgCodes = Array.isArray(body.pg_codes) ? body.pg_codes : null;
  const cards = body.type === 'production' ? [] : [...s.cards.values()].filter((c) => c.customerId === body.customer_id && (!pgCodes || pgCodes.includes(c.pgCode)));
  return reply(200, cards.map((c, index) => ({
    customer_id: c.customerId, brand: c.brand, name_on_card: 'Sandbox Shopper', number: c.number, expiry_month: c.expiryMonth, expiry_year: c.expiryYear,
    token: c.token, pg_code: c.pgCode, pg_name: c.pgCode, is_preferred: index === 0, is_expired: false, will_expire_soon: false, cvv_required: false, agreements: [],
  })));
}

export function deleteCard(s: OttuState, token: string, query: URLSearchParams): Reply {
  const errors: Record<string, string[]> = {};
  if (!query.get('customer_id')) errors.customer_id = [REQUIRED];
  if (!query.get('type')) errors.type = [REQUIRED];
  if (Object.keys(errors).length) return fieldErrors(errors);
  const card = s.cards.get(token);
  if (!card || card.customerId !== query.get('customer_id') || query.get('type') !== 'sandbox') return notFound();
  s.cards.delete(token);
  return reply(204, undefined);
}

export async function autoDebit(s: OttuState, body: Record<string, unknown>): Promise<Reply> {
  const errors: Record<string, string[]> = {};
  if (typeof body.session_id !== 'string') errors.session_id = [REQUIRED];
  if (typeof body.token !== 'string') errors.token = [REQUIRED];
  if (Object.keys(errors).length) return fieldErrors(errors);
  const session = s.sessions.get(body.session_id as string);
  if (!session) return notFound();
  refreshState(session);
  if (session.paymentType !== 'auto_debit') return detail(400, 'The payment transaction must be created with payment_type auto_debit.');
  if (!OPEN.includes(session.state)) return detail(400, `A payment transaction in the ${session.state} state cannot be charged.`);
  const card = s.cards.get(body.token as string);
  if (!card || card.customerId !== session.customer.customer_id) return detail(400, 'Invalid token for this customer.');
  const scenario = scenarioForCard(card.cardNumber) ?? 'success';
  // No shopper is present: a 3-D Secure card is charged as a merchant-initiated payment.
  session.token = card;
  await attempt(s, session, scenario === 'three-ds' ? 'success' : scenario, card.cardNumber, card.pgCode);
  return reply(['paid', 'authorized'].includes(session.state) ? 200 : 400, signedPaymentBody(s, session));
}

export { formatOttuAmount };
