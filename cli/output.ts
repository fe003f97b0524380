import type { SettingsView } from '@/lib/settings/view';

export class UsageError extends Error {}

export function printSettings(view: SettingsView): void {
  console.log(`${view.displayName}: ${view.enabled ? 'enabled' : 'switched off'}`);
  for (const f of view.fields) {
    const source = f.source === 'env' ? `environment (${f.env})` : f.source === 'sandbox' ? 'sandbox default' : f.source === 'missing' && !f.required ? 'not set (optional)' : f.source;
    console.log(`  ${f.label.padEnd(26)} ${(f.display ?? '—').padEnd(34)} ${source}${f.storedToo ? ', stored value overridden' : ''}`);
  }
  if (view.secretsError) console.log(`  ! stored secrets unreadable: ${view.secretsError}`);
  console.log(view.missing.length ? `Missing: ${view.missing.join(', ')}` : 'Nothing missing.');
}
