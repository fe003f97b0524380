import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { apiKeys } from '@/db/schema';
import { createApiKey } from '@/lib/api/api-keys';
import { AppError } from '@/lib/errors';

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  callbackUrl: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048)])
    .optional()
    .transform((v) => v || null),
  /** Admin keys read and retry every payment (operations tooling); merchant keys only their own. */
  kind: z.enum(['merchant', 'admin'], { error: "must be 'merchant' or 'admin'" }).default('merchant'),
});

/** Creates a key; the clear key is in the result and nowhere else, ever. */
export async function issueApiKey(db: DbOrTx, input: z.input<typeof newApiKeySchema>) {
  const parsed = newApiKeySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation_error', `${String(issue?.path[0] ?? 'name')} ${issue?.message ?? 'is invalid'}`, String(issue?.path[0] ?? 'name'));
  }
  return createApiKey(db, parsed.data.name, parsed.data.callbackUrl, parsed.data.kind);
}

/** What the API keys page shows: never the hash, only the prefix that identifies a key. */
export async function listApiKeys(db: DbOrTx) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, defaultCallbackUrl: apiKeys.defaultCallbackUrl, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(sql`${apiKeys.revokedAt} is not null`, desc(apiKeys.createdAt));
}

/** Revokes at once (authenticateApiKey ignores revoked keys); false when already revoked or unknown. */
export async function revokeApiKey(db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db.update(apiKeys).set({ revokedAt: sql`now()` }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id });
  return rows.length > 0;
}
