import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { assertRole } from '@/lib/auth/session';
import type { AdminUser } from '@/lib/auth/roles';
import { issueApiKey, revokeApiKey } from '../api-keys';
import { actionError, type ActionResult } from '../action-result';

/** Admins only. The key is returned once in the result and is never retrievable again. */
export async function createApiKeyForm(db: Db, user: AdminUser | null, form: FormData): Promise<ActionResult> {
  try {
    const admin = assertRole(user, 'admin');
    const created = await issueApiKey(db, { name: String(form.get('name') ?? ''), callbackUrl: String(form.get('callbackUrl') ?? ''), kind: form.get('kind') === 'admin' ? 'admin' : 'merchant' });
    console.info(`[admin] ${admin.email} created API key ${created.prefix}…`);
    return { ok: true, message: 'Copy this key now: it is shown once and cannot be retrieved later.', secret: created.key };
  } catch (error) {
    return actionError(error);
  }
}

/** Admins only. Takes effect on the next request made with the key. */
export async function revokeApiKeyForm(db: Db, user: AdminUser | null, form: FormData): Promise<ActionResult> {
  try {
    const admin = assertRole(user, 'admin');
    const id = z.coerce.number().int().positive().safeParse(form.get('id'));
    if (!id.success) return { ok: false, message: 'Unknown key' };
    const revoked = await revokeApiKey(db, id.data);
    if (revoked) console.info(`[admin] ${admin.email} revoked API key ${id.data}`);
    return revoked ? { ok: true, message: 'Revoked.' } : { ok: false, message: 'Already revoked or unknown.' };
  } catch (error) {
    return actionError(error);
  }
}
