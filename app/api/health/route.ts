import { getDatabase } from '@/lib/server/database';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const database = await getDatabase();
    return Response.json({ ok: true, database: database.kind });
  } catch {
    return Response.json({ ok: false, error: 'database unavailable' }, { status: 503 });
  }
}
