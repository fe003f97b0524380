// GET /phone: the shopper's phone. Pending push prompts with Approve/Decline, recent answers and
// an SMS inbox. Plain forms and a meta refresh, so it works without JavaScript.
import type { SandboxRuntime } from '../runtime';
import type { PhonePrompt, SmsMessage } from '../types';
import { esc, formatTime, layout } from './layout';

const RECENT_LIMIT = 20;
const SMS_LIMIT = 50;

function pendingCard(p: PhonePrompt, msisdn: string | undefined, now: number): string {
  const secondsLeft = Math.max(0, Math.ceil((p.expiresAt - now) / 1000));
  const action = `/_sandbox/prompts/${encodeURIComponent(p.id)}`;
  const keep = msisdn ? `<input type="hidden" name="msisdn" value="${esc(msisdn)}">` : '';
  return `<div class="card">
<div><strong>${esc(p.provider)}</strong> · to <code>${esc(p.msisdn)}</code></div>
<p>Pay <strong>${esc(p.currency)} ${esc(p.amount)}</strong> to ${esc(p.merchant)}?</p>
<p class="muted">${secondsLeft} s left</p>
<div class="row">
<form method="post" action="${action}/approve" class="row">${keep}
<input name="pin" type="password" inputmode="numeric" autocomplete="off" placeholder="PIN" aria-label="PIN (any)">
<button class="ok" type="submit">Approve</button></form>
<form method="post" action="${action}/decline">${keep}<button class="no" type="submit">Decline</button></form>
</div></div>`;
}

function recentRow(p: PhonePrompt): string {
  return `<tr><td>${esc(formatTime(p.createdAt))}</td><td>${esc(p.provider)}</td><td><code>${esc(p.msisdn)}</code></td>
<td>${esc(p.currency)} ${esc(p.amount)}</td><td>${esc(p.status)}</td></tr>`;
}

function smsCard(m: SmsMessage): string {
  const otp = m.otp ? `<div class="otp">${esc(m.otp)}</div>` : '';
  return `<div class="card"><div class="muted">${esc(m.provider)} → <code>${esc(m.msisdn)}</code> · ${esc(formatTime(m.sentAt))}</div>
${otp}<div>${esc(m.text)}</div></div>`;
}

export function renderPhonePage(rt: SandboxRuntime, msisdn: string | undefined): string {
  const now = Date.now();
  const prompts = rt.phone.prompts(msisdn);
  const pending = prompts.filter((p) => p.status === 'pending' && p.expiresAt > now);
  const recent = prompts.filter((p) => p.status !== 'pending').slice(0, RECENT_LIMIT);
  const sms = rt.phone.sms(msisdn).slice(0, SMS_LIMIT);

  const filter = `<form method="get" action="/phone" class="row">
<input name="msisdn" value="${esc(msisdn ?? '')}" placeholder="254712345678" aria-label="Phone number" style="width:12rem">
<button class="plain" type="submit">Show this number</button>${msisdn ? ' <a href="/phone">all numbers</a>' : ''}</form>`;

  return layout(
    "Shopper's phone · sandbox",
    `<h1>Shopper's phone${msisdn ? ` <code>${esc(msisdn)}</code>` : ''}</h1>
${filter}
<h2>Waiting for an answer</h2>
${pending.map((p) => pendingCard(p, msisdn, now)).join('') || '<p class="muted">No prompts. This page refreshes every 3 seconds.</p>'}
<p class="muted">Any PIN is accepted; wrong-PIN is a magic number.</p>
<h2>Recent prompts</h2>
${recent.length ? `<table><thead><tr><th>Time</th><th>Provider</th><th>Phone</th><th>Amount</th><th>Outcome</th></tr></thead><tbody>${recent.map(recentRow).join('')}</tbody></table>` : '<p class="muted">None yet.</p>'}
<h2>SMS inbox</h2>
${sms.map(smsCard).join('') || '<p class="muted">No messages.</p>'}`,
    { refreshSeconds: 3 },
  );
}
