-- Wakes the shopper's long poll: every change the payment sheet shows is announced on the
-- 'payment_changed' channel with the payment id (delivered at commit, to every instance).
CREATE OR REPLACE FUNCTION payments_notify_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('payment_changed', NEW.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payments_notify_change
  AFTER UPDATE ON payments
  FOR EACH ROW
  WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.attention IS DISTINCT FROM NEW.attention
    OR OLD.failure_code IS DISTINCT FROM NEW.failure_code
    OR OLD.otp_reference IS DISTINCT FROM NEW.otp_reference
    OR OLD.otp_attempts IS DISTINCT FROM NEW.otp_attempts
    OR OLD.otp_sends IS DISTINCT FROM NEW.otp_sends
    OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
  )
  EXECUTE FUNCTION payments_notify_change();
