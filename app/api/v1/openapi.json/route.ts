import { buildOpenApiDocument } from '@/lib/api/openapi';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

/** Public: the API's description holds no secrets, and tools fetch it without a key. */
export async function GET(): Promise<Response> {
  return Response.json(buildOpenApiDocument(getEnv().APP_URL.replace(/\/$/, '')), { headers: { 'cache-control': 'public, max-age=300' } });
}
