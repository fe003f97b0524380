// Shared HTML shell for the sandbox pages: server-rendered, no JavaScript, readable on a phone.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. Everything dynamic goes through it. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const CSS = `
*{box-sizing:border-box}body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1rem;color:#1a1a1a}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}code{background:#f2f2f2;padding:0 .25rem;border-radius:3px}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.35rem;border-bottom:1px solid #ddd;vertical-align:top}
.card{border:1px solid #ccc;border-radius:10px;padding:.8rem;margin:.6rem 0}.muted{color:#666;font-size:.9rem}
.row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}input{font-size:1rem;padding:.45rem;border:1px solid #aaa;border-radius:6px;width:8rem}
button{font-size:1rem;padding:.5rem 1rem;border-radius:6px;border:0;cursor:pointer}.ok{background:#1b7f3b;color:#fff}.no{background:#b3261e;color:#fff}
.plain{background:#e4e4e4}.otp{font:600 1.3rem ui-monospace,monospace;letter-spacing:.15rem}nav a{margin-right:.8rem}
`;

export function layout(title: string, body: string, opts: { refreshSeconds?: number } = {}): string {
  const refresh = opts.refreshSeconds ? `<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
${refresh}<title>${esc(title)}</title><style>${CSS}</style></head>
<body><nav><a href="/">Sandbox</a><a href="/phone">Phone</a><a href="/_sandbox/ledger">Ledger (JSON)</a></nav>
${body}</body></html>`;
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19) + ' UTC';
}
