// Serves the app's real route handlers (every app/api/**/route.ts) over real HTTP for
// integration tests, so the sandbox's callbacks reach them exactly as in production, without
// a Next.js build. Pages are covered by the Playwright suite instead.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { guardRequest } from '@/lib/server/request-guard';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface RouteEntry {
  pattern: RegExp;
  names: string[];
  file: string;
}

const APP_API = path.join(process.cwd(), 'app', 'api');

function discoverRoutes(dir = APP_API, segments: string[] = []): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) entries.push(...discoverRoutes(full, [...segments, name]));
    else if (name === 'route.ts') {
      const names: string[] = [];
      const source = segments
        .map((s) => {
          const dynamic = /^\[(\.\.\.)?(.+)\]$/.exec(s);
          if (!dynamic) return s.replace(/[.*+?^${}()|\\]/g, '\\$&');
          names.push(dynamic[2] ?? s);
          return dynamic[1] ? '(.+)' : '([^/]+)';
        })
        .join('/');
      entries.push({ pattern: new RegExp(`^/api/${source}/?$`), names, file: full });
    }
  }
  // Static segments before dynamic ones, as Next.js matches them.
  return entries.sort((a, b) => a.names.length - b.names.length);
}

export interface AppHarness {
  url: string;
  close(): Promise<void>;
}

export async function startAppHarness(port = 0): Promise<AppHarness> {
  const routes = discoverRoutes();
  const server: Server = createServer(async (req, res) => {
    try {
      const response = await dispatch(routes, req);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`harness: ${(error as Error).stack}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function dispatch(routes: RouteEntry[], req: IncomingMessage): Promise<Response> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  // What proxy.ts does before Next.js routes a request.
  const refused = guardRequest(new Request(url, { method: req.method, headers: headersOf(req) }));
  if (refused) return refused;
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const mod = (await import(route.file)) as Record<string, Handler | undefined>;
    const handler = mod[req.method ?? 'GET'];
    if (!handler) return new Response('method not allowed', { status: 405 });
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')]));
    return handler(await toRequest(req, url), { params: Promise.resolve(params) });
  }
  return new Response('not found', { status: 404 });
}

async function toRequest(req: IncomingMessage, url: URL): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  return new Request(url, { method: req.method, headers: headersOf(req), body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return headers;
}
