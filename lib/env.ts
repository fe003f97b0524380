// Configuration, validated once. A missing or malformed variable stops the app with a message
// naming it, instead of failing later in the middle of a payment.
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const optionalText = z.string().trim().min(1).optional();
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PGLITE_DIR: z.string().default('.data/pglite'),
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SETTINGS_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .optional(),
  BOOTSTRAP_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  CRON_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Base URL of the sandbox simulators; unconfigured providers use it (development, demo, tests). */
  SANDBOX_URL: z.url({ protocol: /^https?$/ }).optional(),
  SEED_DEMO_DATA: flag.optional(),
  RECONCILER_ENABLED: flag.default(true),
  RECONCILE_INTERVAL_SECONDS: seconds(15),
  /** How long a payment may sit in processing before the reconciler asks the provider. */
  RECONCILE_GRACE_SECONDS: seconds(60),
  CHECKOUT_POLL_SECONDS: seconds(10),
  CHECKOUT_GIVE_UP_SECONDS: seconds(90),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),

  MPESA_BASE_URL: z.url().optional(),
  MPESA_CONSUMER_KEY: optionalText,
  MPESA_CONSUMER_SECRET: optionalText,
  MPESA_SHORTCODE: z.string().regex(/^\d{5,7}$/, 'must be a 5-7 digit shortcode').optional(),
  MPESA_PASSKEY: optionalText,
  MPESA_TRANSACTION_TYPE: z.enum(['CustomerPayBillOnline', 'CustomerBuyGoodsOnline']).default('CustomerPayBillOnline'),
  /** Till number when TransactionType is CustomerBuyGoodsOnline (PartyB); defaults to the shortcode. */
  MPESA_PARTY_B: z.string().regex(/^\d{5,7}$/).optional(),
  MPESA_CALLBACK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Confirm a success callback with an STK query before crediting (on by default in production). */
  MPESA_CONFIRM_WITH_QUERY: flag.optional(),
  /** Seconds the STK prompt stays answerable on the phone. */
  MPESA_PROMPT_SECONDS: seconds(60),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" (common in .env files and CI variables).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const env = result.data;
  if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
    throw new EnvError('Invalid environment configuration:\n  AUTH_SECRET: required in production');
  }
  const appUrl = new URL(env.APP_URL);
  if (env.NODE_ENV === 'production' && appUrl.protocol === 'http:') {
    if (!isLoopback(appUrl.hostname)) {
      throw new EnvError('Invalid environment configuration:\n  APP_URL: must use https in production (http is allowed on loopback only)');
    }
    console.warn(`[malipo] APP_URL ${env.APP_URL} is plain http on loopback: fine for demos and tests, never for real payments.`);
  }
  return env;
}

function isLoopback(hostname: string): boolean {
  // An IPv4 literal only: a DNS name such as 127.example.com is not loopback.
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between suites. */
export function resetEnvCache(): void {
  cached = undefined;
}
