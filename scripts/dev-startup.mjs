// What `npm run dev` checks before and after it starts anything: that its ports are free (a busy
// port is named with the variable that moves it, before anything is spawned) and that the app
// really answers HTTP before the "ready" banner is printed. Kept apart from dev.mjs so tests can
// exercise it without starting Next.js.
import { createServer } from 'node:net';

/** The ports `npm run dev` listens on, and the variable that changes each. */
export function devPorts(env) {
  return [
    { name: 'the app', variable: 'PORT', port: parsePort(env.PORT, 'PORT', 3000) },
    ...(env.SANDBOX === '0' ? [] : [{ name: 'the provider sandbox', variable: 'SANDBOX_PORT', port: parsePort(env.SANDBOX_PORT, 'SANDBOX_PORT', 4010) }]),
  ];
}

export function parsePort(raw, variable, fallback) {
  const text = raw?.trim();
  if (!text) return fallback;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) throw new Error(`${variable} must be a port number 1-65535 (got "${raw}")`);
  return port;
}

/** True when nothing listens on host:port (we could bind it ourselves). */
export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

export function busyPortMessage({ name, variable, port }) {
  const other = port === 65535 ? port - 1 : port + 1;
  return `[malipo] port ${port} (${name}) is already in use. Stop whatever is listening there, or choose another port: ${variable}=${other} npm run dev`;
}

/** The first busy port among `ports`, or null when all are free. */
export async function firstBusyPort(ports, host = '127.0.0.1') {
  for (const entry of ports) if (!(await portIsFree(entry.port, host))) return entry;
  return null;
}

/**
 * Resolves once `url` answers HTTP 2xx; polls every `intervalMs`. Rejects when `gaveUp()` turns
 * true (the process we wait for has exited) so the banner is never printed for a dead app.
 */
export async function waitUntilAnswering(url, { intervalMs = 500, gaveUp = () => false } = {}) {
  for (;;) {
    if (gaveUp()) throw new Error(`gave up waiting for ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // Not listening yet, or still compiling the route: ask again.
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
