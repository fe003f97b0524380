import 'server-only';
import type { DbOrTx } from '@/db';
import { getEnv } from '@/lib/env';
import { readProviderSettings, type StoredSettings } from './store';
import { settingsSpec } from './specs';
import type { ProviderSettingsSpec, SettingField } from './types';

export type ValueSource = 'env' | 'stored' | 'sandbox' | 'default' | 'missing';

/** One field as the browser may see it: secrets masked, the winning source named. */
export interface FieldView {
  key: string;
  label: string;
  secret: boolean;
  required: boolean;
  env: string;
  help?: string;
  source: ValueSource;
  /** Clear text for options, a mask for secrets, null when missing. */
  display: string | null;
  /** Also stored in the database while the environment overrides it. */
  storedToo: boolean;
}

export interface SettingsView {
  provider: string;
  displayName: string;
  enabled: boolean;
  rowExists: boolean;
  fields: FieldView[];
  missing: string[];
  secretsError?: string;
  updatedAt: Date | null;
}

/** "••••••5678" for long secrets, "••••••" for short ones: recognisable, never usable. */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `••••••${value.slice(-4)}` : '••••••';
}

/**
 * Who is looking: admins (and the operator's CLI) see "••••••5678" to recognise a secret;
 * anyone else only whether it is set. Viewers need no part of a secret.
 */
export type SecretAudience = 'admin' | 'viewer';

export async function providerSettingsView(db: DbOrTx, provider: string, audience: SecretAudience = 'viewer'): Promise<SettingsView | null> {
  const spec = settingsSpec(provider);
  if (!spec) return null;
  return buildView(spec, await readProviderSettings(db, provider), audience);
}

export function buildView(spec: ProviderSettingsSpec, stored: StoredSettings | null, audience: SecretAudience = 'viewer'): SettingsView {
  const env = getEnv() as unknown as Record<string, unknown>;
  // As in the providers' config: the sandbox stands in only while nothing real (a base URL, or
  // ClickPesa's client ID) is configured; otherwise a production default may apply.
  const configured = (key: string) => {
    const field = spec.fields.find((f) => f.key === key);
    return Boolean(field && (env[field.env] || (field.secret ? stored?.secrets : stored?.options)?.[key]));
  };
  const real = (spec.realKeys ?? ['baseUrl']).some(configured);
  const sandbox = env.SANDBOX_URL && !real ? spec.sandboxDefaults(String(env.SANDBOX_URL)) : null;
  const fallback = (key: string): [ValueSource, string] | null => {
    const value = sandbox ? sandbox[key] : spec.productionDefaults?.[key];
    return value ? [sandbox ? 'sandbox' : 'default', value] : null;
  };
  const fields = spec.fields.map((field) => fieldView(field, env[field.env], stored, fallback(field.key), audience));
  return {
    provider: spec.provider,
    displayName: spec.displayName,
    enabled: stored?.enabled ?? true,
    rowExists: stored !== null,
    fields,
    missing: fields.filter((f) => f.required && f.source === 'missing').map((f) => f.label),
    secretsError: stored?.secretsError,
    updatedAt: stored?.updatedAt ?? null,
  };
}

function fieldView(field: SettingField, envValue: unknown, stored: StoredSettings | null, fallback: [ValueSource, string] | null, audience: SecretAudience): FieldView {
  const storedValue = (field.secret ? stored?.secrets : stored?.options)?.[field.key];
  const [source, value]: [ValueSource, string | undefined] =
    typeof envValue === 'string' && envValue !== '' ? ['env', envValue] : storedValue ? ['stored', storedValue] : (fallback ?? ['missing', undefined]);
  return {
    key: field.key,
    label: field.label,
    secret: field.secret,
    required: field.required,
    env: field.env,
    help: field.help,
    source,
    display: value === undefined ? null : field.secret ? (audience === 'admin' ? maskSecret(value) : 'set') : value,
    storedToo: source === 'env' && Boolean(storedValue),
  };
}
