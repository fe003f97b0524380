// The whole data model. Amounts are always integer minor units (see lib/payments/money.ts);
// `bigint` in "number" mode is exact up to 2^53, far beyond any single payment.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const minor = (name: string) => bigint(name, { mode: 'number' });

export const tours = pgTable('tours', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  country: text('country').notNull(),
  currency: text('currency').notNull(),
  priceMinor: minor('price_minor').notNull(),
  /** Minimum share of the price accepted as a deposit, in percent (0 = full payment only). */
  depositPercent: integer('deposit_percent').notNull().default(0),
  startDate: date('start_date'),
  createdAt: createdAt(),
});

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    /** Shared booking reference (BK-T005-20260210) once a tour booking is paid. */
    groupReference: text('group_reference'),
    description: text('description').notNull(),
    currency: text('currency').notNull(),
    totalMinor: minor('total_minor').notNull(),
    amountPaidMinor: minor('amount_paid_minor').notNull().default(0),
    /** pending | deposit_paid | paid | refunded */
    paymentStatus: text('payment_status').notNull().default('pending'),
    depositPercent: integer('deposit_percent').notNull().default(0),
    customerName: text('customer_name'),
    customerPhone: text('customer_phone'),
    customerEmail: text('customer_email'),
    tourId: integer('tour_id').references(() => tours.id),
    startDate: date('start_date'),
    /** Provider transaction id of the payment that completed the order. */
    paidTransactionId: text('paid_transaction_id'),
    source: text('source').notNull().default('shop'),
    /** The API key whose payment created the order (null: the shop, or BOOTSTRAP_API_KEY). */
    apiKeyId: integer('api_key_id').references(() => apiKeys.id),
    /** SHA-256 of the shopper's capability token (lib/payments/order-capability.ts); never the token. */
    capabilityHash: text('capability_hash'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('orders_group_reference_idx').on(t.groupReference)],
);

export const apiKeys = pgTable('api_keys', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** First characters of the key, shown in the admin so a key can be recognised. */
  prefix: text('prefix').notNull(),
  /** SHA-256 of the whole key; the key itself is never stored. */
  hash: text('hash').notNull().unique(),
  defaultCallbackUrl: text('default_callback_url'),
  /** 'merchant' sees only the payments it made; 'admin' sees every payment. */
  kind: text('kind', { enum: ['merchant', 'admin'] }).notNull().default('merchant'),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * A trigger (migration 0004) NOTIFYs 'payment_changed' with the id whenever a column the shopper's
 * sheet shows changes (status, attention, failure_code, otp_*, expires_at): keep it, and
 * `paymentVersionOf` in lib/payments/payment-changes.ts, in step with these columns.
 */
export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    provider: text('provider').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** Normalised international form without "+", e.g. 254712345678. */
    msisdn: text('msisdn'),
    status: text('status').notNull().default('pending'),
    /** The provider's id for this attempt (CheckoutRequestID, orderReference, session_id...). */
    providerReference: text('provider_reference'),
    merchantRequestId: text('merchant_request_id'),
    /** What the shopper sees on their receipt (M-Pesa receipt number, payment reference). */
    receipt: text('receipt'),
    providerTransactionId: text('provider_transaction_id'),
    providerStatus: text('provider_status'),
    otpReference: text('otp_reference'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    /** Why a human should look: amount_mismatch, contradictory_callback, ... (null = fine). */
    attention: text('attention'),
    reference: text('reference'),
    retryOf: text('retry_of'),
    /** Nonce of the checkout form submission: a double submit finds the first attempt. */
    clientToken: text('client_token'),
    apiKeyId: integer('api_key_id').references(() => apiKeys.id),
    callbackUrl: text('callback_url'),
    /** When the shopper's prompt or OTP stops being answerable. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Reconciler schedule: when to ask the provider again, and how often it already asked. */
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    checkAttempts: integer('check_attempts').notNull().default(0),
    otpHash: text('otp_hash'),
    otpAttempts: integer('otp_attempts').notNull().default(0),
    otpSends: integer('otp_sends').notNull().default(0),
    notes: jsonb('notes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payments_provider_reference_uq').on(t.provider, t.providerReference),
    uniqueIndex('payments_client_token_uq').on(t.orderId, t.clientToken),
    index('payments_order_idx').on(t.orderId),
    index('payments_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('payments_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('payments_currency_created_idx').on(t.currency, t.createdAt.desc(), t.id.desc()),
    index('payments_msisdn_idx').on(t.msisdn),
    index('payments_receipt_idx').on(t.receipt),
    index('payments_due_check_idx').on(t.nextCheckAt).where(sql`status in ('processing', 'awaiting_otp')`),
  ],
);

/** Append-only (a trigger refuses UPDATE and DELETE); payloads are redacted before insert. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentId: text('payment_id').references(() => payments.id),
    provider: text('provider').notNull(),
    /** request | response | webhook | status_change | note | error */
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    httpStatus: integer('http_status'),
    payload: jsonb('payload'),
    createdAt: createdAt(),
  },
  (t) => [index('payment_events_payment_idx').on(t.paymentId, t.id)],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** admin | viewer */
  role: text('role').notNull(),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: createdAt(),
});

export const providerSettings = pgTable('provider_settings', {
  provider: text('provider').primaryKey(),
  enabled: boolean('enabled').notNull().default(true),
  /** Non-secret options (base URL, shortcode, ...). */
  options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
  /** AES-256-GCM sealed JSON of secret options; never sent to the browser. */
  secretsSealed: text('secrets_sealed'),
  updatedAt: updatedAt(),
});

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    apiKeyId: integer('api_key_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    /** in_flight | done */
    state: text('state').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
    /** Renewed while the request runs: a claim whose heartbeat stopped died with its process. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);

/** Transactional outbox of merchant webhooks: written in the same transaction as the change. */
export const webhookOutbox = pgTable(
  'webhook_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    url: text('url').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    /** pending | delivered | failed */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('webhook_outbox_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`)],
);

export const webhookAttempts = pgTable('webhook_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  outboxId: bigint('outbox_id', { mode: 'number' })
    .notNull()
    .references(() => webhookOutbox.id),
  httpStatus: integer('http_status'),
  error: text('error'),
  durationMs: integer('duration_ms').notNull(),
  createdAt: createdAt(),
});

/**
 * Provider access tokens shared by every instance: Daraja and ClickPesa revoke the previous token
 * when a new one is issued, so instances that each minted their own would fail each other.
 * The token is sealed (settings key); `key_hash` hides which credentials it belongs to.
 */
export const providerTokens = pgTable('provider_tokens', {
  keyHash: text('key_hash').primaryKey(),
  sealedToken: text('sealed_token').notNull(),
  /** sha256 of the token, so "forget the token the provider refused" never drops a newer one. */
  fingerprint: text('fingerprint').notNull(),
  usableUntil: timestamp('usable_until', { withTimezone: true }).notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
});

/** Fixed-window request counters per API key (rate limits shared by every app instance). */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/**
 * Sliding-window limits (prompts per phone, shop actions and sign-ins per IP): the times of the
 * requests still inside the window, at most `limit` of them, checked and appended in one upsert.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  bucket: text('bucket').primaryKey(),
  hits: timestamp('hits', { withTimezone: true }).array().notNull().default(sql`'{}'`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Failed sign-ins per account and client IP: failures from one IP lock only that IP out. */
export const signInGuards = pgTable(
  'sign_in_guards',
  {
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    ip: text('ip').notNull(),
    /** Attempts counted since the last success, each counted before its password is checked. */
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);

/** One row per OTP sent, to limit sends per phone over a sliding window. */
export const otpSends = pgTable(
  'otp_sends',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    msisdn: text('msisdn').notNull(),
    paymentId: text('payment_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('otp_sends_msisdn_idx').on(t.msisdn, t.sentAt)],
);
