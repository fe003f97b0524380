import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db';
import { assertRole } from '@/lib/auth/session';
import type { AdminUser } from '@/lib/auth/roles';
import { decideAttention, type AttentionDecision } from '@/lib/payments/attention-decisions';
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

const reasonSchema = z.string().trim().min(3, 'say why (at least 3 characters)').max(500, 'keep it under 500 characters');
const decisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept_paid'), reason: reasonSchema, receipt: z.string().trim().regex(/^[A-Za-z0-9._-]{4,64}$/, "the provider's receipt (4-64 letters, digits, . _ -)") }),
  z.object({ decision: z.literal('mark_failed'), reason: reasonSchema }),
  z.object({ decision: z.literal('note'), reason: reasonSchema }),
]);

/**
 * Admins only: a person's decision on a payment the system could not settle: accept as paid
 * (with the provider's receipt), mark failed, or add a note. A reason is required every time.
 */
export async function resolvePaymentAttention(db: Db, user: AdminUser | null, form: FormData): Promise<ActionResult & { paymentId?: string }> {
  try {
    const admin = assertRole(user, 'admin');
    const id = idSchema.safeParse(form.get('id'));
    const payment = id.success ? await findPayment(db, id.data) : null;
    if (!payment) return { ok: false, message: 'Unknown payment' };
    const parsed = decisionSchema.safeParse(Object.fromEntries(['decision', 'reason', 'receipt'].map((k) => [k, form.get(k) ?? undefined])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'decision');
      return { ok: false, field, message: field === 'decision' ? 'Choose: accept as paid, mark failed, or note' : `${field}: ${issue?.message}` };
    }
    const { decision: kind, ...rest } = parsed.data;
    const after = await decideAttention(db, payment.id, { kind, ...rest } as AttentionDecision, admin.email);
    const said = { accept_paid: 'Accepted as paid; the order is credited.', mark_failed: 'Marked failed.', note: 'Note added to the timeline.' }[kind];
    return { ok: true, paymentId: after.id, message: said };
  } catch (error) {
    return actionError(error);
  }
}
