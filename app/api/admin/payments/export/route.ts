import { paymentsCsvStream } from '@/lib/admin/csv';
import { authorizeRequest } from '@/lib/auth/guards';
import { parsePaymentFilters, selectionOf } from '@/lib/payments/payment-filters';
import { getDb } from '@/lib/server/database';

export const dynamic = 'force-dynamic';

/** GET /api/admin/payments/export?<the list's filters>: the whole filtered list as streamed CSV. */
export async function GET(req: Request): Promise<Response> {
  const user = await authorizeRequest(req, 'viewer');
  if (user instanceof Response) return user;
  const parsed = parsePaymentFilters(new URL(req.url).searchParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json({ success: false, message: `${String(issue?.path[0])} ${issue?.message}`, error: { code: 'validation_error', field: String(issue?.path[0]) } }, { status: 400 });
  }
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '').replace('T', '-');
  return new Response(paymentsCsvStream(await getDb(), selectionOf(parsed.data), user.role), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="payments-${stamp}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
