import 'server-only';
import type { Db } from '@/db';
import { assertRole } from '@/lib/auth/session';
import type { AdminUser } from '@/lib/auth/roles';
import { testProviderConnection } from '@/lib/settings/connection';
import { settingsSpec } from '@/lib/settings/specs';
import { updateProviderSettings } from '@/lib/settings/store';
import { actionError, type ActionResult } from '../action-result';

/**
 * Admins only. Options: a blank input clears the stored value. Secrets: blank keeps the stored
 * one (it is never sent to the browser, so the input starts empty); "clear" removes it.
 */
export async function saveProviderSettings(db: Db, user: AdminUser | null, form: FormData): Promise<ActionResult> {
  try {
    const admin = assertRole(user, 'admin');
    const spec = settingsSpec(String(form.get('provider') ?? ''));
    if (!spec) return { ok: false, message: 'Unknown provider' };
    const values: Record<string, string | null | undefined> = {};
    for (const field of spec.fields) {
      const raw = form.get(field.key);
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (field.secret) values[field.key] = form.get(`clear:${field.key}`) === 'on' ? null : value || undefined;
      else values[field.key] = value || null;
    }
    await updateProviderSettings(db, spec.provider, { enabled: form.get('enabled') === 'on', values });
    console.info(`[admin] ${admin.email} updated ${spec.provider} settings`);
    return { ok: true, message: 'Saved. Secrets are stored encrypted; payments use the new settings from now on.' };
  } catch (error) {
    return actionError(error);
  }
}

/** Admins only: one real authentication call with the configuration payments would use now. */
export async function testConnection(db: Db, user: AdminUser | null, form: FormData): Promise<ActionResult> {
  try {
    assertRole(user, 'admin');
    const spec = settingsSpec(String(form.get('provider') ?? ''));
    if (!spec) return { ok: false, message: 'Unknown provider' };
    const result = await testProviderConnection(db, spec.provider);
    return { ok: result.ok, message: `${result.message}${result.target ? ` (${result.target})` : ''} · ${result.durationMs} ms` };
  } catch (error) {
    return actionError(error);
  }
}
