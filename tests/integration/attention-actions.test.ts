// Needs-attention decisions: an admin accepts a payment as paid (with the provider's receipt),
// marks it failed, or adds a note. Admin-only, a reason every time, recorded in the timeline.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaymentAttention } from '@/lib/admin/actions/payments';
import type { AdminUser } from '@/lib/auth/roles';
import { findOrder, findPayment } from '@/lib/payments';
import { listEvents } from '@/lib/payments/events';
import { startIntegrationApp, waitFor, type IntegrationApp } from '../support/integration-app';
import { formData } from '../support/form-data';

let t: IntegrationApp;
const admin: AdminUser = { id: 1, email: 'ops@example.test', name: 'Ops', role: 'admin' };
const viewer: AdminUser = { id: 2, email: 'viewer@example.test', name: 'Viewer', role: 'viewer' };

beforeAll(async () => {
  t = await startIntegrationApp();
});
afterAll(async () => t?.close());

/** An M-Pesa payment whose callback reported a different amount: held, flagged amount_mismatch. */
async function flaggedPayment() {
  const res = await t.api('POST', '/api/v1/payments', { provider: 'mpesa', amount: '150', currency: 'KES', msisdn: '254700000011', reference: `att-${randomUUID().slice(0, 8)}` });
  expect(res.status).toBe(201);
  return waitFor(async () => {
    const p = await findPayment(t.db, res.body.data.id);
    return p?.attention === 'amount_mismatch' ? p : null;
  });
}

const receipt = () => `SIM${randomUUID().replace(/-/g, '').slice(0, 7).toUpperCase()}`;
const decide = (user: AdminUser | null, fields: Record<string, string>) => resolvePaymentAttention(t.db, user, formData(fields));

describe('needs-attention decisions', () => {
  it('are refused when signed out and for viewers, and change nothing', async () => {
    const p = await flaggedPayment();
    const fields = { id: p.id, decision: 'accept_paid', receipt: receipt(), reason: 'statement shows it' };
    expect(await decide(null, fields)).toMatchObject({ ok: false, message: 'Sign in to continue' });
    expect(await decide(viewer, fields)).toMatchObject({ ok: false, message: expect.stringContaining('admin role') });
    expect(await findPayment(t.db, p.id)).toMatchObject({ status: 'processing', attention: 'amount_mismatch' });
  });

  it('need a reason, and accepting as paid needs the receipt: field errors, nothing changes', async () => {
    const p = await flaggedPayment();
    expect(await decide(admin, { id: p.id, decision: 'accept_paid', receipt: receipt(), reason: '' })).toMatchObject({ ok: false, field: 'reason' });
    expect(await decide(admin, { id: p.id, decision: 'accept_paid', receipt: '', reason: 'seen on the statement' })).toMatchObject({ ok: false, field: 'receipt' });
    expect(await decide(admin, { id: p.id, decision: 'refund_everything', reason: 'x y z' })).toMatchObject({ ok: false, field: 'decision' });
    expect(await decide(admin, { id: 'pay_x', decision: 'note', reason: 'a note' })).toMatchObject({ ok: false, message: 'Unknown payment' });
    expect(await findPayment(t.db, p.id)).toMatchObject({ status: 'processing', attention: 'amount_mismatch' });
  });

  it('accept as paid: success with the receipt, the order credited once even when two admins click at once, recorded with who and why', async () => {
    const p = await flaggedPayment();
    const r = receipt();
    const fields = { id: p.id, decision: 'accept_paid', receipt: r, reason: 'Safaricom statement shows KES 150 received' };
    const results = await Promise.all([decide(admin, fields), decide(admin, fields)]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    const after = await findPayment(t.db, p.id);
    expect(after).toMatchObject({ status: 'success', receipt: r, attention: null });
    expect((await findOrder(t.db, p.orderId))?.amountPaidMinor).toBe(15_000);
    const events = await listEvents(t.db, p.id);
    expect(events.map((e) => e.summary).join('\n')).toContain(`accepted as paid by ${admin.email} (receipt ${r}): Safaricom statement shows KES 150 received`);
  });

  it('accept as paid refuses a receipt another payment already has', async () => {
    const first = await flaggedPayment();
    const r = receipt();
    expect(await decide(admin, { id: first.id, decision: 'accept_paid', receipt: r, reason: 'statement' })).toMatchObject({ ok: true });
    const second = await flaggedPayment();
    expect(await decide(admin, { id: second.id, decision: 'accept_paid', receipt: r, reason: 'statement' })).toMatchObject({ ok: false, field: 'receipt' });
    expect(await findPayment(t.db, second.id)).toMatchObject({ status: 'processing' });
  });

  it('mark failed: failed, the flag cleared, no credit, no more queries; a paid payment cannot be marked failed', async () => {
    const p = await flaggedPayment();
    expect(await decide(admin, { id: p.id, decision: 'mark_failed', reason: 'not on the statement after 3 days' })).toMatchObject({ ok: true });
    const after = await findPayment(t.db, p.id);
    expect(after).toMatchObject({ status: 'failed', attention: null, nextCheckAt: null, failureCode: 'marked_failed' });
    expect((await findOrder(t.db, p.orderId))?.amountPaidMinor).toBe(0);

    const paid = await flaggedPayment();
    await decide(admin, { id: paid.id, decision: 'accept_paid', receipt: receipt(), reason: 'statement' });
    expect(await decide(admin, { id: paid.id, decision: 'mark_failed', reason: 'oops' })).toMatchObject({ ok: false, field: 'decision' });
    expect(await findPayment(t.db, paid.id)).toMatchObject({ status: 'success' });
  });

  it('note: recorded in the timeline, nothing else changes', async () => {
    const p = await flaggedPayment();
    expect(await decide(admin, { id: p.id, decision: 'note', reason: 'asked Safaricom support, ticket 4411' })).toMatchObject({ ok: true });
    expect(await findPayment(t.db, p.id)).toMatchObject({ status: 'processing', attention: 'amount_mismatch' });
    const events = await listEvents(t.db, p.id);
    expect(events.some((e) => e.kind === 'note' && e.summary === `note by ${admin.email}: asked Safaricom support, ticket 4411`)).toBe(true);
  });
});
