-- What only several instances on PostgreSQL need (issue 15). Never edit this file once it is on main.

-- Shared rate-limit buckets: one row per (scope, bucket), scope being the origin of a connector's base URL (such as
-- https://acme.okta.com) and bucket the resource path. Unlogged: the state is rebuilt from the next response's
-- headers, so it needs no WAL and is allowed to vanish with a crash of the database.
--   remaining   requests left in the window, counted down by each instance before it sends
--   reset_at    when the window resets, in the service's epoch seconds (0: not known, the next request probes)
--   paced       0 when the service sends no rate-limit headers for this bucket (nothing to pace)
--   probe_by    the grant that holds the one probe of an unknown window, until probe_until (epoch ms)
--   granted_to  the last grant given, so an instance can tell whether its update granted it
CREATE UNLOGGED TABLE rate_bucket (
  scope       TEXT    NOT NULL,
  bucket      TEXT    NOT NULL,
  paced       INTEGER NOT NULL DEFAULT 1,
  remaining   BIGINT  NOT NULL DEFAULT 0,
  reset_at    BIGINT  NOT NULL DEFAULT 0,
  probe_by    TEXT,
  probe_until BIGINT  NOT NULL DEFAULT 0,
  granted_to  TEXT,
  PRIMARY KEY (scope, bucket)
);

-- Every committed change to definitions, settings, credentials or keys notifies the instances listening on
-- 'switchboard_workspace' (LISTEN/NOTIFY), which reload at once; the payload names the table only.
CREATE FUNCTION switchboard_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchboard_workspace', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
CREATE TRIGGER document_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON document
  FOR EACH STATEMENT EXECUTE FUNCTION switchboard_notify_change();
CREATE TRIGGER credential_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON credential
  FOR EACH STATEMENT EXECUTE FUNCTION switchboard_notify_change();
CREATE TRIGGER access_key_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON access_key
  FOR EACH STATEMENT EXECUTE FUNCTION switchboard_notify_change();
