'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actionError, type ActionResult } from '@/lib/admin/action-result';
import { requireActionRole } from '@/lib/auth/guards';
import { recordEvent } from '@/lib/payments/events';
import { findPayment } from '@/lib/payments/payment-store';
import { refreshPaymentStatus } from '@/lib/payments/refresh';
import { getDb } from '@/lib/server/database';

const idSchema = z.string().regex(/^pay_[0-9a-z]{20}$/);

/** Admins only: asks the provider now instead of waiting for the reconciler. */
export async function requeryPaymentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const user = await requireActionRole('admin');
    const id = idSchema.safeParse(form.get('id'));
    if (!id.success) return { ok: false, message: 'Unknown payment' };
    const db = await getDb();
    const before = await findPayment(db, id.data);
    if (!before) return { ok: false, message: 'Unknown payment' };
    await recordEvent(db, { paymentId: before.id, provider: before.provider, kind: 'note', summary: `status re-query requested by ${user.email}` });
    const after = await refreshPaymentStatus(db, before.id);
    revalidatePath(`/admin/transactions/${before.id}`);
    return after.status === before.status
      ? { ok: true, message: `The provider has no new answer: still ${after.status.replace('_', ' ')}. The timeline shows the exchange.` }
      : { ok: true, message: `Status moved from ${before.status} to ${after.status}.` };
  } catch (error) {
    return actionError(error);
  }
}
