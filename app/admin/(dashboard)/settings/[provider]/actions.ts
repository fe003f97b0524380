'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/admin/action-result';
import { saveProviderSettings, testConnection } from '@/lib/admin/actions/settings';
import { currentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/server/database';

export async function saveProviderSettingsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await saveProviderSettings(await getDb(), await currentUser(), form);
  if (result.ok) revalidatePath('/admin/settings', 'layout');
  return result;
}

export async function testConnectionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return testConnection(await getDb(), await currentUser(), form);
}
