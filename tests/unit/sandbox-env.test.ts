// sandbox/provider-env.ts is the one list of each provider's variables and sandbox base URL: the
// sandbox index page renders it, README's table must match it, and the app must read exactly
// those names (an explicit configuration from the list equals the app's own sandbox fallback).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { resolveClickPesaConfig } from '@/lib/providers/clickpesa/config';
import { resolveMpesaConfig } from '@/lib/providers/mpesa/config';
import { resolveOmariConfig } from '@/lib/providers/omari/config';
import { resolveOttuConfig } from '@/lib/providers/ottu/config';
import { resolveQmoneyConfig } from '@/lib/providers/qmoney/config';
import { DEFAULT_SANDBOX_ORIGIN, PROVIDER_ENV, README_TABLE_END, README_TABLE_START, renderReadmeTable } from '@/sandbox/provider-env';
import { renderIndexPage } from '@/sandbox/pages/index-page';
import { createRuntime } from '@/sandbox/runtime';
import { DEFAULT_OPTIONS } from '@/sandbox/options';
import { defaultSimulators } from '@/sandbox/simulators';

const ORIGIN = 'http://127.0.0.1:4999';
const resolvers = { mpesa: resolveMpesaConfig, clickpesa: resolveClickPesaConfig, omari: resolveOmariConfig, qmoney: resolveQmoneyConfig, ottu: resolveOttuConfig };

describe('PROVIDER_ENV, the one list of provider variables', () => {
  it('covers every simulator the sandbox starts', () => {
    const rt = createRuntime(DEFAULT_OPTIONS, defaultSimulators);
    expect(PROVIDER_ENV.map((p) => p.id).sort()).toEqual([...rt.simulators.keys()].sort());
  });

  it.each(PROVIDER_ENV.map((p) => [p.id, p] as const))('%s: the listed variables configure the app exactly as its sandbox fallback does', (id, provider) => {
    const explicit: Record<string, string> = Object.fromEntries([
      [provider.baseUrlVariable, `${ORIGIN}${provider.basePath}`],
      ...provider.credentials.map((c) => [c.variable, c.value] as const),
    ]);
    const fromList = resolvers[id](parseEnv(explicit));
    const fallback = resolvers[id](parseEnv({ SANDBOX_URL: ORIGIN }));
    expect(fallback).not.toBeNull();
    expect(fromList).toEqual(fallback);
    // And each variable matters: without it the explicit configuration is incomplete.
    for (const name of Object.keys(explicit).filter((n) => n !== provider.baseUrlVariable)) {
      const without = Object.fromEntries(Object.entries(explicit).filter(([n]) => n !== name));
      expect(resolvers[id](parseEnv(without)), name).toBeNull();
    }
  });
});

describe('the sandbox index page', () => {
  it('lists each provider’s real base-URL variable and credentials, never a made-up one', () => {
    const html = renderIndexPage(createRuntime(DEFAULT_OPTIONS, defaultSimulators), ORIGIN);
    for (const p of PROVIDER_ENV) {
      expect(html).toContain(`${p.baseUrlVariable}=${ORIGIN}${p.basePath}`);
      for (const c of p.credentials) expect(html).toContain(`${c.variable}=${c.value}`);
    }
    expect(html).toContain(`SANDBOX_URL=${ORIGIN}`);
    expect(html).not.toContain('OMARI_BASE_URL');
    expect(html).not.toMatch(/=http:\/\/127\.0\.0\.1:4999\/(omari|clickpesa)</);
  });
});

describe('README', () => {
  it('has the sandbox variables table exactly as sandbox/provider-env.ts renders it', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf(README_TABLE_START);
    const end = readme.indexOf(README_TABLE_END);
    expect(start, `README.md needs the markers ${README_TABLE_START} … ${README_TABLE_END}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const table = readme.slice(start + README_TABLE_START.length, end).trim();
    // On a mismatch, paste the expected text between the markers.
    expect(table).toBe(renderReadmeTable(DEFAULT_SANDBOX_ORIGIN).trim());
  });
});
