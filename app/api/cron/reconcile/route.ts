import { createHash, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { runBackgroundWork } from '@/lib/server/background';

export const dynamic = 'force-dynamic';

/** For platform cron (Vercel Cron and the like): Authorization: Bearer <CRON_SECRET>. */
export async function POST(req: Request): Promise<Response> {
  return handle(req);
}

export async function GET(req: Request): Promise<Response> {
  return handle(req);
}

async function handle(req: Request): Promise<Response> {
  const secret = getEnv().CRON_SECRET;
  if (!secret) return Response.json({ ok: false, error: 'CRON_SECRET is not set' }, { status: 404 });
  const given = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!sameSecret(given, secret)) return Response.json({ ok: false, error: 'unauthorized' }, { status: 401 });
  const report = await runBackgroundWork();
  return Response.json({ ok: true, ...report });
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
