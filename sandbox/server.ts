// The sandbox HTTP server: one port, one path prefix per provider (/mpesa/..., /clickpesa/...),
// plus the sandbox's own pages (/, /phone) and control API (/_sandbox/...).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleControl } from './control';
import { BodyTooLargeError, bodyLimitFor, originOf, readRawBody, requestUrl, sendHtml, sendJson } from './http';
import { DEFAULT_OPTIONS } from './options';
import { renderIndexPage } from './pages/index-page';
import { renderPhonePage } from './pages/phone-page';
import { createRuntime, type SandboxRuntime } from './runtime';
import { defaultSimulators } from './simulators';
import type { LedgerEntry, SandboxOptions, SandboxProviderId, SimulatorFactory } from './types';

export interface StartSandboxOptions {
  /** 0 picks a free port (tests). Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  options?: Partial<SandboxOptions>;
  /** Default: every simulator in ./simulators. */
  simulators?: SimulatorFactory[];
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:4010; a provider's base URL is `${url}/mpesa`. */
  url: string;
  port: number;
  options: SandboxOptions;
  /** Cancels every pending timer, aborts outgoing callbacks and closes all connections. */
  close(): Promise<void>;
  ledger(provider?: SandboxProviderId): LedgerEntry[];
  /** Same as POST /_sandbox/reset. */
  reset(): void;
}

async function route(rt: SandboxRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = requestUrl(req).pathname;
  const raw = await readRawBody(req, bodyLimitFor(req));
  const body = raw.toString('utf8');
  const [, first = ''] = path.split('/');

  if (first === '_sandbox') {
    if (!handleControl(rt, req, res, path, body)) sendJson(res, 404, { error: 'not_found', path });
    return;
  }
  const sim = rt.simulators.get(first);
  if (sim) {
    await sim.handle(req, res, path.slice(first.length + 1) || '/', body, raw);
    return;
  }
  if (req.method === 'GET' && path === '/') {
    sendHtml(res, 200, renderIndexPage(rt, originOf(req)));
  } else if (req.method === 'GET' && path === '/phone') {
    const msisdn = requestUrl(req).searchParams.get('msisdn')?.trim() || undefined;
    sendHtml(res, 200, renderPhonePage(rt, msisdn));
  } else {
    sendJson(res, 404, { error: 'not_found', path, providers: [...rt.simulators.keys()] });
  }
}

function fail(res: ServerResponse, err: unknown): void {
  if (err instanceof BodyTooLargeError) {
    if (!res.headersSent) sendJson(res, 413, { error: 'body_too_large' });
    return;
  }
  console.error('[sandbox] request failed', err);
  if (!res.headersSent) sendJson(res, 500, { error: 'sandbox_internal_error', message: String(err) });
  else res.destroy();
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<SandboxHandle> {
  const options: SandboxOptions = { ...DEFAULT_OPTIONS, ...opts.options };
  const rt = createRuntime(options, opts.simulators ?? defaultSimulators);
  const host = opts.host ?? '127.0.0.1';

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(rt, req, res).catch((err: unknown) => fail(res, err));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4010, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${displayHost(host)}:${port}`,
    port,
    options,
    ledger: (provider) => rt.ledger.list(provider),
    reset: () => rt.reset(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        rt.shutdown();
        server.close(() => resolve());
        // Keep-alive and half-finished requests would otherwise hold close() open.
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
