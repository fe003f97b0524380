// The provider contract: one manifest per provider folder, read by the registry, checkout,
// settings, connection test, CLI, API enums and receipts. Adding a provider is its folder, its
// id in PROVIDER_IDS and one line in lib/providers/catalog.ts: nothing else names it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDER_MANIFESTS } from '@/lib/providers/catalog';
import { PROVIDER_IDS } from '@/lib/providers/types';

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Where a provider may be named: its own folder, its settings spec, the catalog, the id list, and the API docs' examples. */
function allowed(file: string, id: string): boolean {
  const rel = path.relative(root, file);
  return rel.startsWith(`lib/providers/${id}/`) || rel === `lib/settings/specs/${id}.ts` || rel === 'lib/providers/catalog.ts' || rel === 'lib/providers/types.ts' || rel.startsWith('app/docs/');
}

describe('provider manifests', () => {
  it('every provider id has exactly one manifest, with its own id', () => {
    expect(Object.keys(PROVIDER_MANIFESTS).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const [id, manifest] of Object.entries(PROVIDER_MANIFESTS)) expect(manifest.id).toBe(id);
  });

  it('no code outside a provider folder names a provider: registry, checkout, settings, CLI and pages read the manifest', () => {
    const offenders: string[] = [];
    const files = ['lib', 'app', 'cli', 'components'].flatMap((d) => sourceFiles(path.join(root, d)));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const id of PROVIDER_IDS) {
        // A provider named as a string literal, an object key or method (`mpesa:`, `async mpesa(`), or in a list in prose.
        const named = new RegExp(`['"\`]${id}['"\`]|(^|[{,]\\s*)${id}\\s*:|\\basync ${id}\\(|\\b${id}, [a-z]+ or [a-z]+\\b`, 'm');
        if (named.test(text) && !allowed(file, id)) offenders.push(`${path.relative(root, file)} names ${id}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
