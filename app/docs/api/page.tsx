import type { Metadata } from 'next';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Merchant API' };
export const dynamic = 'force-dynamic';

type Operation = { summary?: string; operationId?: string; parameters?: { name: string; in: string; required?: boolean; description?: string }[]; responses?: Record<string, { description?: string }> };

const VERIFY_EXAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto';

// rawBody: the exact bytes received, before JSON.parse
export function verifyMalipoSignature(rawBody, header, secret, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex');
  const given = String(parts.v1 ?? '');
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}`;

/** Human-readable rendering of /api/v1/openapi.json: the same document, so they never disagree. */
export default function ApiDocsPage() {
  const base = getEnv().APP_URL.replace(/\/$/, '');
  const doc = buildOpenApiDocument(base) as { info: { description: string }; paths: Record<string, Record<string, Operation>> };
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-8 px-4 py-8 text-stone-900">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">Malipo merchant API</h1>
        <p>{doc.info.description}</p>
        <p>
          Machine-readable: <a className="text-brand-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
      </header>

      <section className="space-y-4" aria-labelledby="endpoints">
        <h2 id="endpoints" className="text-2xl font-bold">Endpoints</h2>
        {Object.entries(doc.paths).flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => (
            <article key={`${method} ${path}`} className="rounded-lg border border-stone-200 bg-white p-4">
              <h3 className="font-mono text-sm font-semibold">
                <span className="mr-2 rounded bg-stone-800 px-1.5 py-0.5 text-white">{method.toUpperCase()}</span>
                {path}
              </h3>
              <p className="mt-1">{op.summary}</p>
              {op.parameters && op.parameters.length > 0 && (
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                  {op.parameters.map((p) => (
                    <li key={`${p.in}-${p.name}`}>
                      <code>{p.name}</code> ({p.in}
                      {p.required ? ', required' : ''}){p.description ? `: ${p.description}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-2 text-sm text-stone-600">Answers: {Object.keys(op.responses ?? {}).join(', ')}</p>
            </article>
          )),
        )}
      </section>

      <section className="space-y-2" aria-labelledby="example">
        <h2 id="example" className="text-2xl font-bold">Start a payment</h2>
        <pre className="overflow-x-auto rounded bg-stone-900 p-3 text-sm text-stone-100">{`curl -X POST ${base}/api/v1/payments \\
  -H "Authorization: Bearer $MALIPO_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: $(uuidgen)" \\
  -d '{"provider":"clickpesa","amount":"25000","currency":"TZS","msisdn":"0754123456","callback_url":"https://shop.example/hooks/malipo"}'`}</pre>
      </section>

      <section className="space-y-2" aria-labelledby="webhooks">
        <h2 id="webhooks" className="text-2xl font-bold">Webhooks</h2>
        <p>
          Every status change is POSTed to the payment&apos;s <code>callback_url</code> (or the API key&apos;s default), signed with{' '}
          <code>Malipo-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of &quot;t.body&quot;&gt;</code> using <code>WEBHOOK_SIGNING_SECRET</code>. Answer 2xx within 10 s; failures are
          retried with exponential backoff (30 s doubling, at most 6 h apart) for 3 days. Verify on the raw body:
        </p>
        <pre className="overflow-x-auto rounded bg-stone-900 p-3 text-sm text-stone-100">{VERIFY_EXAMPLE}</pre>
      </section>
    </main>
  );
}
