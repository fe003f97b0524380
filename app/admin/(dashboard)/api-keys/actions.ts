'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actionError, type ActionResult } from '@/lib/admin/action-result';
import { issueApiKey, revokeApiKey } from '@/lib/admin/api-keys';
import { requireActionRole } from '@/lib/auth/guards';
import { getDb } from '@/lib/server/database';

/** Admins only. The key is returned once in the result and is never retrievable again. */
export async function createApiKeyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const user = await requireActionRole('admin');
    const created = await issueApiKey(await getDb(), { name: String(form.get('name') ?? ''), callbackUrl: String(form.get('callbackUrl') ?? '') });
    console.info(`[admin] ${user.email} created API key ${created.prefix}…`);
    revalidatePath('/admin/api-keys');
    return { ok: true, message: 'Copy this key now: it is shown once and cannot be retrieved later.', secret: created.key };
  } catch (error) {
    return actionError(error);
  }
}

/** Admins only. Takes effect on the next request made with the key. */
export async function revokeApiKeyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const user = await requireActionRole('admin');
    const id = z.coerce.number().int().positive().safeParse(form.get('id'));
    if (!id.success) return { ok: false, message: 'Unknown key' };
    const revoked = await revokeApiKey(await getDb(), id.data);
    if (revoked) console.info(`[admin] ${user.email} revoked API key ${id.data}`);
    revalidatePath('/admin/api-keys');
    return revoked ? { ok: true, message: 'Revoked.' } : { ok: false, message: 'Already revoked or unknown.' };
  } catch (error) {
    return actionError(error);
  }
}
