// Checks made before Next.js parses a request, for what Next itself would answer with a 500:
// a path whose percent-encoding does not decode, and a server-action body over Next's limit
// (Next throws its own 413 ApiError but answers it as a 500).

/** Our forms post a few hundred bytes; Next's own server-action limit is 1 MB. */
export const MAX_ACTION_BODY_BYTES = 64 * 1024;

export function guardRequest(req: Request): Response | null {
  const { pathname } = new URL(req.url);
  try {
    decodeURIComponent(pathname);
  } catch {
    return Response.json({ error: 'the path is not valid percent-encoding' }, { status: 400 });
  }
  // API routes and webhooks cap their own bodies (lib/server/read-body.ts); every other POST is
  // a page's server action.
  if (req.method === 'POST' && !pathname.startsWith('/api/')) {
    const length = req.headers.get('content-length');
    if (length === null) {
      // Browsers always send a length with a form; without one the size is unknown until read.
      if (req.headers.get('transfer-encoding')) return new Response('Length Required', { status: 411 });
    } else if (!/^\d+$/.test(length) || Number(length) > MAX_ACTION_BODY_BYTES) {
      return new Response('Payload Too Large', { status: 413 });
    }
  }
  return null;
}
