// `npm run dev`: a busy port is named with the variable that moves it, before anything starts;
// the banner waits until the app answers HTTP. The real dev.mjs is run once per port to prove
// it stops at once (it never gets as far as starting Next.js).
import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { busyPortMessage, devPorts, firstBusyPort, parsePort, portIsFree, waitUntilAnswering } from '@/scripts/dev-startup.mjs';

const ROOT = path.join(__dirname, '../..');
const servers: (Server | HttpServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function occupiedPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function runDev(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so the guard below can stop everything it might have started.
    const child = spawn(process.execPath, ['scripts/dev.mjs'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    // Were the check missing, dev.mjs would go on to start the whole stack: stop it, fail the test.
    const guard = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`dev.mjs did not stop on a busy port; output:\n${output}`));
    }, 8000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

describe('dev start: ports', () => {
  it('reads PORT and SANDBOX_PORT (defaults 3000 and 4010) and refuses a malformed one', () => {
    expect(devPorts({})).toEqual([
      { name: 'the app', variable: 'PORT', port: 3000 },
      { name: 'the provider sandbox', variable: 'SANDBOX_PORT', port: 4010 },
    ]);
    expect(devPorts({ PORT: '3005', SANDBOX_PORT: '4020' }).map((p) => p.port)).toEqual([3005, 4020]);
    expect(devPorts({ SANDBOX: '0' }).map((p) => p.variable)).toEqual(['PORT']);
    expect(() => parsePort('30o0', 'PORT', 3000)).toThrow('PORT must be a port number 1-65535 (got "30o0")');
    expect(() => parsePort('70000', 'SANDBOX_PORT', 4010)).toThrow('SANDBOX_PORT');
  });

  it('finds a busy port and names it with the variable that moves it', async () => {
    const busy = await occupiedPort();
    const free = await freePort();
    expect(await portIsFree(free)).toBe(true);
    expect(await portIsFree(busy)).toBe(false);
    const ports = devPorts({ PORT: String(free), SANDBOX_PORT: String(busy) });
    const found = await firstBusyPort(ports);
    expect(found).toEqual({ name: 'the provider sandbox', variable: 'SANDBOX_PORT', port: busy });
    expect(busyPortMessage(found!)).toBe(
      `[malipo] port ${busy} (the provider sandbox) is already in use. Stop whatever is listening there, or choose another port: SANDBOX_PORT=${busy + 1} npm run dev`,
    );
    expect(await firstBusyPort(devPorts({ PORT: String(free), SANDBOX: '0' }))).toBeNull();
  });

  it.each(['PORT', 'SANDBOX_PORT'] as const)('npm run dev with %s busy: says so and exits 1 before starting anything', { timeout: 15_000 }, async (variable) => {
    const busy = await occupiedPort();
    const other = await freePort();
    const env = variable === 'PORT' ? { PORT: String(busy), SANDBOX_PORT: String(other) } : { PORT: String(other), SANDBOX_PORT: String(busy) };
    const { code, output } = await runDev(env);
    expect(code).toBe(1);
    expect(output).toContain(`port ${busy}`);
    expect(output).toContain(`${variable}=${busy + 1} npm run dev`);
    expect(output).not.toContain('[malipo] shop');
    // Nothing was started on the other port either.
    expect(await portIsFree(other)).toBe(true);
  });

  it('npm run dev with a malformed PORT names it and exits 1', { timeout: 15_000 }, async () => {
    const { code, output } = await runDev({ PORT: 'three-thousand' });
    expect(code).toBe(1);
    expect(output).toContain('PORT must be a port number 1-65535 (got "three-thousand")');
  });
});

describe('dev start: the banner waits for an answer', () => {
  it('resolves only once the URL answers 2xx (not while nothing listens or it answers 503)', async () => {
    const port = await freePort();
    let answered = false;
    let calls = 0;
    const waiting = waitUntilAnswering(`http://127.0.0.1:${port}/api/health`, { intervalMs: 20 }).then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(answered).toBe(false);
    const server = createHttpServer((_req, res) => {
      calls += 1;
      res.writeHead(calls < 3 ? 503 : 200).end('{}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await waiting;
    expect(calls).toBe(3);
  });

  it('gives up when the process it waits for has exited', async () => {
    const port = await freePort();
    await expect(waitUntilAnswering(`http://127.0.0.1:${port}/`, { intervalMs: 10, gaveUp: () => true })).rejects.toThrow('gave up');
  });
});
