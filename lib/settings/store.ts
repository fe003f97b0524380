import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { providerSettings } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { sealSecrets, settingsKey, unsealSecrets, SettingsKeyError } from './crypto';
import { settingsSpec } from './specs';
import type { ProviderSettingsSpec } from './types';

export interface StoredSettings {
  provider: string;
  enabled: boolean;
  options: Record<string, string>;
  /** Decrypted; server-side only. */
  secrets: Record<string, string>;
  /** Set when the sealed secrets cannot be opened (missing or wrong key). */
  secretsError?: string;
  updatedAt: Date;
}

/**
 * A change: a value sets the field, null clears it, an absent key keeps it. A secret left blank
 * in a form is absent (we never send secrets back, so blank cannot mean "set to empty").
 */
export interface SettingsChange {
  enabled?: boolean;
  values?: Record<string, string | null | undefined>;
}

type Row = typeof providerSettings.$inferSelect;

export async function readProviderSettings(db: DbOrTx, provider: string): Promise<StoredSettings | null> {
  const [row] = await db.select().from(providerSettings).where(eq(providerSettings.provider, provider)).limit(1);
  return row ? open(row) : null;
}

export async function readAllProviderSettings(db: DbOrTx): Promise<StoredSettings[]> {
  const rows = await db.select().from(providerSettings);
  return rows.map(open);
}

/** Creates the provider's row if there is none; true when it was created. */
export async function initProviderSettings(db: DbOrTx, provider: string): Promise<boolean> {
  requireSpec(provider);
  const rows = await db.insert(providerSettings).values({ provider }).onConflictDoNothing().returning({ provider: providerSettings.provider });
  return rows.length > 0;
}

/** Validates against the provider's spec, merges, re-seals the secrets; one row lock throughout. */
export async function updateProviderSettings(db: DbOrTx, provider: string, change: SettingsChange): Promise<StoredSettings> {
  const spec = requireSpec(provider);
  const checked = validateValues(spec, change.values ?? {});
  if (Object.keys(checked.secrets).length > 0) {
    try {
      settingsKey();
    } catch (error) {
      if (error instanceof SettingsKeyError) throw new AppError('unprocessable', error.message);
      throw error;
    }
  }
  return db.transaction(async (tx) => {
    await tx.insert(providerSettings).values({ provider }).onConflictDoNothing();
    const [row] = await tx.select().from(providerSettings).where(eq(providerSettings.provider, provider)).for('update');
    if (!row) throw new Error('provider_settings row vanished');
    const current = open(row);
    if (current.secretsError && Object.keys(checked.secrets).length > 0) {
      // Re-sealing would silently drop the secrets we cannot read.
      throw new AppError('conflict', `cannot update secrets: ${current.secretsError}`);
    }
    const options = merge(current.options, checked.options);
    const secrets = merge(current.secrets, checked.secrets);
    const [updated] = await tx
      .update(providerSettings)
      .set({
        enabled: change.enabled ?? current.enabled,
        options,
        secretsSealed: current.secretsError ? row.secretsSealed : sealSecrets(provider, secrets),
        updatedAt: sql`now()`,
      })
      .where(eq(providerSettings.provider, provider))
      .returning();
    return open(updated!);
  });
}

function validateValues(spec: ProviderSettingsSpec, values: Record<string, string | null | undefined>) {
  const options: Record<string, string | null> = {};
  const secrets: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const field = spec.fields.find((f) => f.key === key);
    if (!field) throw new AppError('validation_error', `${key} is not a ${spec.displayName} setting`, key);
    let next: string | null = null;
    if (value !== null) {
      const parsed = field.schema.safeParse(value);
      if (!parsed.success) throw new AppError('validation_error', `${field.label} ${parsed.error.issues[0]?.message ?? 'is invalid'}`, key);
      next = parsed.data;
    }
    (field.secret ? secrets : options)[key] = next;
  }
  return { options, secrets };
}

function merge(current: Record<string, string>, change: Record<string, string | null>): Record<string, string> {
  const result = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result;
}

function open(row: Row): StoredSettings {
  const base = { provider: row.provider, enabled: row.enabled, options: row.options ?? {}, updatedAt: row.updatedAt };
  try {
    return { ...base, secrets: unsealSecrets(row.provider, row.secretsSealed) };
  } catch (error) {
    if (error instanceof SettingsKeyError) return { ...base, secrets: {}, secretsError: error.message };
    throw error;
  }
}

function requireSpec(provider: string): ProviderSettingsSpec {
  const spec = settingsSpec(provider);
  if (!spec) throw new AppError('not_found', `${provider} has no editable settings`);
  return spec;
}
