-- The end of the audit hash chain, read under the chain lock (held until the transaction ends).
-- A VOLATILE function takes a fresh snapshot for each statement in it, so the read sees what the
-- lock's previous holder committed: one round trip where the lock and the read were two.
CREATE OR REPLACE FUNCTION audit_chain_end() RETURNS text AS $$
DECLARE
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(7513);
  SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  RETURN coalesce(last_hash, repeat('0', 64));
END;
$$ LANGUAGE plpgsql VOLATILE;
