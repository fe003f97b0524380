'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/lib/admin/action-result';
import { requeryPayment } from '@/lib/admin/actions/payments';
import { currentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/server/database';

export async function requeryPaymentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await requeryPayment(await getDb(), await currentUser(), form);
  if (result.paymentId) revalidatePath(`/admin/transactions/${result.paymentId}`);
  return result;
}
