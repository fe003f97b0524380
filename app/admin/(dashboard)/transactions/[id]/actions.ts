'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/admin/action-result';
import { requeryPayment, resolvePaymentAttention } from '@/lib/admin/actions/payments';
import { currentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/server/database';

export async function requeryPaymentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await requeryPayment(await getDb(), await currentUser(), form);
  if (result.paymentId) revalidatePath(`/admin/transactions/${result.paymentId}`);
  return result;
}

export async function resolveAttentionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await resolvePaymentAttention(await getDb(), await currentUser(), form);
  if (result.paymentId) {
    revalidatePath(`/admin/transactions/${result.paymentId}`);
    revalidatePath('/admin/attention');
  }
  return result;
}
