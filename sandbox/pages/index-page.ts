// GET /: what the sandbox is, where each provider lives, and the magic numbers that pick outcomes.
import { PROVIDER_ENV } from '../provider-env';
import type { SandboxRuntime } from '../runtime';
import type { Simulator } from '../types';
import { esc, layout } from './layout';

function magicTable(sim: Simulator): string {
  const rows = sim.magicNumbers ?? [];
  if (rows.length === 0) return '<p class="muted">No magic numbers: every payment is answered on the phone page.</p>';
  const body = rows.map((m) => `<tr><td><code>${esc(m.msisdn)}</code></td><td>${esc(m.outcome)}</td></tr>`).join('');
  return `<table><thead><tr><th>Number</th><th>Outcome</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** From sandbox/provider-env.ts, the list README's table is checked against. */
function providerVariables(rt: SandboxRuntime, origin: string): string {
  const rows = PROVIDER_ENV.filter((p) => rt.simulators.has(p.id)).map((p) => {
    const credentials = p.credentials.map((c) => `<code>${esc(c.variable)}=${esc(c.value)}</code>`).join('<br>');
    return `<tr><td>${esc(p.name)}</td><td><code>${esc(p.baseUrlVariable)}=${esc(origin)}${esc(p.basePath)}</code></td><td>${credentials}</td></tr>`;
  });
  if (rows.length === 0) return '<p>No simulators registered.</p>';
  return `<p>The app needs only <code>SANDBOX_URL=${esc(origin)}</code>: every provider without configuration
uses the sandbox (<code>npm run dev</code> sets it). To point one provider here explicitly, set its base URL
and all of its credentials (the sandbox's credentials never go with any other URL):</p>
<table><thead><tr><th>Provider</th><th>Base URL</th><th>Credentials</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function renderIndexPage(rt: SandboxRuntime, origin: string): string {
  const { outcomeDelayMs, promptTimeoutMs, slowMs } = rt.ctx.options;
  const sims = [...rt.simulators.values()];
  const tables = sims.map((s) => `<h2>${esc(s.id)}: magic numbers</h2>${magicTable(s)}`).join('');

  return layout(
    'Malipo payment sandbox',
    `<h1>Malipo payment sandbox</h1>
<p>A local stand-in for the mobile-money providers, for development and tests. It speaks each
provider's wire format, so the app's adapters run against it unchanged. Nothing here moves money.</p>
<p>The phone number picks the outcome (like test cards). Any other valid number shows a prompt on
<a href="/phone">the shopper's phone</a>, where you approve or decline it.</p>
<h2>Pointing the app here</h2>${providerVariables(rt, origin)}
<h2>Timings</h2>
<p class="muted">Automatic outcomes after ${esc(outcomeDelayMs)} ms · prompts time out after
${esc(promptTimeoutMs)} ms · slow provider answers after ${esc(slowMs)} ms.</p>
${tables}
<h2>Control API (JSON)</h2>
<ul>
<li><code>GET /_sandbox/health</code></li>
<li><code>GET /_sandbox/prompts?msisdn=&amp;status=pending</code></li>
<li><code>POST /_sandbox/prompts/{id}/approve</code> · <code>/decline</code> (send <code>Accept: application/json</code>)</li>
<li><code>GET /_sandbox/sms?msisdn=</code> (latest first, with <code>otp</code>)</li>
<li><code>GET /_sandbox/ledger?provider=</code></li>
<li><code>POST /_sandbox/reset</code></li>
</ul>`,
  );
}
