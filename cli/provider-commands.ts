import { parseArgs } from 'node:util';
import type { Db } from '@/db';
import { testProviderConnection } from '@/lib/settings/connection';
import { settingsSpec } from '@/lib/settings/specs';
import { initProviderSettings, updateProviderSettings } from '@/lib/settings/store';
import type { ProviderSettingsSpec } from '@/lib/settings/types';
import { providerSettingsView } from '@/lib/settings/view';
import { printSettings, UsageError } from './output';
import { ask, askHidden } from './prompt';

function specOf(provider: string): ProviderSettingsSpec {
  const spec = settingsSpec(provider);
  if (!spec) throw new UsageError(`${provider} has no settings that the CLI can manage`);
  return spec;
}

/** `<provider>:init`: creates the settings row and reports what is still missing. */
export async function initCommand(db: Db, provider: string): Promise<number> {
  const created = await initProviderSettings(db, specOf(provider).provider);
  console.log(created ? `Created the ${provider} settings row.` : `The ${provider} settings row already exists.`);
  const view = await providerSettingsView(db, provider, 'admin');
  if (view) printSettings(view);
  return view?.missing.length ? 3 : 0;
}

/** `<provider>:set-credentials --flag value ...` or `--interactive` (secrets typed hidden). */
export async function setCredentialsCommand(db: Db, provider: string, args: string[]): Promise<number> {
  const spec = specOf(provider);
  const options = Object.fromEntries(spec.fields.map((f) => [f.flag, { type: 'string' as const }]));
  const { values } = parseArgs({ args, options: { ...options, interactive: { type: 'boolean' }, disable: { type: 'boolean' }, enable: { type: 'boolean' } }, strict: true });
  const change: Record<string, string | undefined> = {};
  for (const field of spec.fields) change[field.key] = (values as Record<string, string | undefined>)[field.flag];
  if (values.interactive) {
    console.log(`Enter ${spec.displayName} settings; leave blank to keep the current value.`);
    for (const field of spec.fields) {
      const label = `${field.label}${field.required ? '' : ' (optional)'}: `;
      const value = field.secret ? await askHidden(label) : await ask(label);
      if (value) change[field.key] = value;
    }
  }
  const given = Object.entries(change).filter(([, v]) => v !== undefined);
  if (given.length === 0 && !values.enable && !values.disable) {
    throw new UsageError(`nothing to set: pass ${spec.fields.map((f) => `--${f.flag}`).join(', ')} or --interactive`);
  }
  await updateProviderSettings(db, spec.provider, { values: change, enabled: values.disable ? false : values.enable ? true : undefined });
  console.log(`Saved ${given.map(([k]) => k).join(', ') || 'state'} (secrets sealed with SETTINGS_ENCRYPTION_KEY).`);
  const view = await providerSettingsView(db, provider, 'admin');
  if (view) printSettings(view);
  return 0;
}

/** `<provider>:test-connection`: one real token call with the settings in effect. */
export async function testConnectionCommand(db: Db, provider: string): Promise<number> {
  specOf(provider);
  const result = await testProviderConnection(db, provider);
  console.log(`${result.ok ? 'OK' : 'FAILED'}: ${result.message}${result.target ? ` (${result.target})` : ''} in ${result.durationMs} ms`);
  return result.ok ? 0 : 1;
}
