CREATE TABLE "provider_tokens" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"sealed_token" text NOT NULL,
	"fingerprint" text NOT NULL,
	"usable_until" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
