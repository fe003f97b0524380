import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';

// Options are built per request so APP_URL/AUTH_SECRET read from the validated environment.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req, ctx, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
