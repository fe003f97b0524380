// Configuration, validated once. A missing or malformed variable stops the app with a message
// naming it, instead of failing later in the middle of a payment.
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));
const optionalText = z.string().trim().min(1).optional();
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const otpSeconds = z.coerce.number().int().min(30).max(600, 'must be at most 600 (an OTP lives 10 minutes at most)').default(300);

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
  /** How long one status poll may wait for a change (long poll); kept under CHECKOUT_POLL_SECONDS. */
  CHECKOUT_LONG_POLL_SECONDS: seconds(9),
  /** Long polls one process holds at once; beyond it a poll answers at once (plain polling). */
  CHECKOUT_LONG_POLL_MAX_WAITERS: seconds(1000),
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

  /** ClickPesa (Tanzania). Unset in development: the sandbox stands in (SANDBOX_URL). */
  CLICKPESA_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CLICKPESA_CLIENT_ID: optionalText,
  CLICKPESA_API_KEY: optionalText,
  /** The application's checksum key: set it exactly when checksum is enabled in ClickPesa's dashboard. */
  CLICKPESA_CHECKSUM_KEY: optionalText,
  /** Seconds the USSD prompt stays answerable (undocumented by ClickPesa; MNOs use about 60). */
  CLICKPESA_PROMPT_SECONDS: seconds(60),

  OMARI_API_BASE_URL: z.url().optional(),
  OMARI_MERCHANT_KEY: optionalText,
  OMARI_CHANNEL: z.enum(['WEB', 'POS'], { error: 'must be WEB or POS' }).default('WEB'),
  /** How long Omari's OTP stays usable; we stop accepting it then (at most 10 minutes). */
  OMARI_OTP_SECONDS: otpSeconds,

  QMONEY_BASE_URL: z.url().optional(),
  QMONEY_USERNAME: optionalText,
  QMONEY_PASSWORD: optionalText,
  /** The static token QCell issues, sent verbatim after "Basic " on /login. */
  QMONEY_BASIC_TOKEN: optionalText,
  /** The merchant wallet that receives the money (getMoney toUser). */
  QMONEY_MERCHANT_ACCOUNT: optionalText,
  QMONEY_PIN: optionalText,
  QMONEY_PRODUCT_ID: optionalText,
  QMONEY_OTP_SECONDS: otpSeconds,
  /** Reuse a token whose expiry Qmoney does not state ("-1") for at most this long. */
  QMONEY_TOKEN_MAX_AGE_SECONDS: seconds(300),

  /** Ottu (Kuwait / GCC cards): the merchant's own instance, e.g. https://<merchant>.ottu.net. */
  OTTU_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Private API key (header `Authorization: Api-Key …`); or OTTU_USERNAME + OTTU_PASSWORD (Basic). */
  OTTU_API_KEY: optionalText,
  OTTU_USERNAME: optionalText,
  OTTU_PASSWORD: optionalText,
  /** The "HMAC Key" of the dashboard's webhook configuration: verifies every Ottu webhook. */
  OTTU_WEBHOOK_KEY: optionalText,
  /** Payment gateway codes offered at checkout, comma-separated (e.g. "kpay,mpgs"). */
  OTTU_PG_CODES: z
    .string()
    .transform((v) => v.split(',').map((c) => c.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[\w-]{1,64}$/, 'must be comma-separated pg codes (letters, digits, - and _)')).min(1, 'must name at least one pg code'))
    .optional(),
  OTTU_PAYMENT_TYPE: z.enum(['payment_request', 'e_commerce'], { error: 'must be payment_request or e_commerce' }).optional(),
  /** Which cards and payment methods Ottu lists (its `type`): derived from the base URL when unset. */
  OTTU_MODE: z.enum(['sandbox', 'production'], { error: 'must be sandbox or production' }).optional(),

  /** HMAC key of the Malipo-Signature header on outbound merchant webhooks (whsec_... or any 32+ chars). */
  WEBHOOK_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Let merchant webhooks go to loopback/private/link-local addresses (development, tests, e2e,
   * whose receivers are on 127.0.0.1). Off by default: a callback_url must resolve to public IPs.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: flag.default(false),
  /** Seconds one merchant webhook delivery may take before it counts as failed. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** Merchant API rate limits per API key, per minute (POST counts against both). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  API_WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** An Idempotency-Key claimed by a request whose heartbeat stopped this long ago is free again (a crash). */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(2).max(600).default(15),

  /** OTP limits (the issue's ceilings; may be lowered, never raised). */
  OTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5, 'must be at most 5').default(5),
  OTP_MAX_SENDS: z.coerce.number().int().min(1).max(3, 'must be at most 3').default(3),
  OTP_SEND_WINDOW_SECONDS: z.coerce.number().int().min(900, 'must be at least 900 (15 minutes)').default(900),
  /** Payment prompts (STK/USSD pushes) per phone across orders, shop and API, per window. */
  PROMPTS_PER_PHONE: z.coerce.number().int().min(1).default(3),
  PROMPT_WINDOW_SECONDS: z.coerce.number().int().min(60).default(600),
  /** Shop server actions per client IP in the same window (generous: shoppers share IPs behind NAT). */
  SHOP_PROMPTS_PER_IP: z.coerce.number().int().min(1).default(20),
  SHOP_ORDERS_PER_IP: z.coerce.number().int().min(1).default(30),
  /** Order/payment pages and the shopper's status poll, per client IP per minute (each counted apart). */
  SHOPPER_REQUESTS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Sign-in attempts per client IP per 10 minutes, whatever the account. */
  SIGN_IN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(30),
  /** When set, overrides every tour's deposit share for new bookings (0 = full payment only). */
  DEPOSIT_PERCENT: z.coerce.number().int().min(0).max(100, 'must be 0-100').optional(),
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
