// README's API examples work when pasted: every ```sh block with a curl in it runs, in order, in
// one bash against the app's route handlers and the sandbox, with only the addresses and the API
// key swapped for the test's. curl fails on any 4xx/5xx answer, and so does the script.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntegrationApp, TEST_API_KEY, type IntegrationApp } from '../support/integration-app';

let t: IntegrationApp;
beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

function readmeShellBlocks(): string[] {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((block) => /\bcurl\b/.test(block));
}

function runBash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('README API examples', () => {
  it('run as pasted against the demo (addresses and key swapped for the test’s)', { timeout: 60_000 }, async () => {
    const blocks = readmeShellBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const pasted = blocks
      .join('\n')
      .replaceAll('http://127.0.0.1:3000', t.app.url)
      .replaceAll('http://127.0.0.1:4010', t.sandbox.url)
      .replaceAll('malipo-demo-key-0123456789', TEST_API_KEY);
    // Every curl must get a 2xx (the examples use -s, which alone would hide a 4xx), and an
    // unset variable or a failed step stops the script.
    const script = `set -euo pipefail\ncurl() { command curl --fail-with-body --max-time 20 "$@"; }\n${pasted}`;
    const { code, stdout, stderr } = await runBash(script);
    expect({ code, stderr }, stdout.slice(-2000)).toEqual({ code: 0, stderr: '' });
    expect(stdout).not.toContain('"success":false');
    // The standalone calls' answers, one envelope each: details, status, retry, otp, idempotent post, two lists.
    expect(stdout.match(/"success":true/g)?.length).toBe(7);
    expect(stdout).toContain('"retry_of":"pay_');
    expect(stdout).toMatch(/"provider":"omari","status":"success"/);
  });
});
