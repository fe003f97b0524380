-- SHA-256 of the shopper's capability token (issue 9 §2): the token itself is never stored.
ALTER TABLE "orders" ADD COLUMN "capability_hash" text;
