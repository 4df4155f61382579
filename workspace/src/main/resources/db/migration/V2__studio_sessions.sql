-- The studio's browser sessions (issue 13): a login with an admin key opens one; the cookie holds a random token,
-- the table only its SHA-256, so a database dump opens no session. In the database (not in an instance's memory) so
-- that a session survives a restart and works on every instance of the same database. Never edit once on main.
CREATE TABLE studio_session (
  token_hash   TEXT   PRIMARY KEY,
  key_id       TEXT   NOT NULL,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL
);
CREATE INDEX studio_session_by_expiry ON studio_session (expires_at);

-- The studio's connector list shows each connector's last run: the newest run of one connector, whatever its action.
CREATE INDEX run_by_connector ON run (connector, started_at, id);
