-- Several server instances on one database (issue 15). Never edit this file once it is on main: add a later version.
-- (V2 is the studio's sessions, issue 13.)

-- The server instances alive: each renews its lease every second; one whose lease ran out is taken for dead, and the
-- runs it left 'running' are marked 'interrupted' by whichever instance notices first.
CREATE TABLE server_instance (
  id           TEXT   PRIMARY KEY,
  label        TEXT   NOT NULL,
  started_at   BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL,
  lease_until  BIGINT NOT NULL
);

-- A run is written when its call starts (outcome 'running', with the instance running it) and completed when it ends.
ALTER TABLE run ADD COLUMN instance TEXT;
CREATE INDEX run_running ON run (instance) WHERE outcome = 'running';

-- MCP sessions, so that a session opened on one instance continues on any other: the client's initialize request is
-- kept and replayed where the session is not known yet. Bound to the access key that opened it.
CREATE TABLE mcp_session (
  id         TEXT   PRIMARY KEY,
  key_id     TEXT   NOT NULL,
  initialize TEXT   NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX mcp_session_by_age ON mcp_session (created_at);
