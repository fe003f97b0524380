import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { assertRole } from '@/lib/auth/session';
import type { AdminUser } from '@/lib/auth/roles';
import { recordEvent } from '@/lib/payments/events';
import { findPayment } from '@/lib/payments/payment-store';
import { refreshPaymentStatus } from '@/lib/payments/refresh';
import { actionError, type ActionResult } from '../action-result';

const idSchema = z.string().regex(/^pay_[0-9a-z]{20}$/);

// The bodies of the admin's server actions take the user explicitly: the 'use server' files
// only look the user up and call these, and tests call these with no user, a viewer, an admin.

/** Admins only: asks the provider now instead of waiting for the reconciler. */
export async function requeryPayment(db: Db, user: AdminUser | null, form: FormData): Promise<ActionResult & { paymentId?: string }> {
  try {
    const admin = assertRole(user, 'admin');
    const id = idSchema.safeParse(form.get('id'));
    const before = id.success ? await findPayment(db, id.data) : null;
    if (!before) return { ok: false, message: 'Unknown payment' };
    await recordEvent(db, { paymentId: before.id, provider: before.provider, kind: 'note', summary: `status re-query requested by ${admin.email}` });
    const after = await refreshPaymentStatus(db, before.id);
    return after.status === before.status
      ? { ok: true, paymentId: before.id, message: `The provider has no new answer: still ${after.status.replace('_', ' ')}. The timeline shows the exchange.` }
      : { ok: true, paymentId: before.id, message: `Status moved from ${before.status} to ${after.status}.` };
  } catch (error) {
    return actionError(error);
  }
}
