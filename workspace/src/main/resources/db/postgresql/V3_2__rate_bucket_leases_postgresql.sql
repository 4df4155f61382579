-- Leases on shared rate-limit buckets (issue 15). Never edit this file once it is on main.
--   leased  how many requests the last grant handed out at once: an instance takes a share of an open window in one
--           update and spends it without asking the database again (returning what it did not use)
ALTER TABLE rate_bucket ADD COLUMN leased BIGINT NOT NULL DEFAULT 0;
