-- payment_events is an audit log: once written, a row is never changed or removed.
CREATE OR REPLACE FUNCTION payment_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'payment_events is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER payment_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON payment_events
  FOR EACH ROW EXECUTE FUNCTION payment_events_append_only();
