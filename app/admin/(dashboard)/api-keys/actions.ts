'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/admin/action-result';
import { createApiKeyForm, revokeApiKeyForm } from '@/lib/admin/actions/api-keys';
import { currentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/server/database';

export async function createApiKeyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await createApiKeyForm(await getDb(), await currentUser(), form);
  if (result.ok) revalidatePath('/admin/api-keys');
  return result;
}

export async function revokeApiKeyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await revokeApiKeyForm(await getDb(), await currentUser(), form);
  if (result.ok) revalidatePath('/admin/api-keys');
  return result;
}
