-- The workspace's tables, in SQL that SQLite and PostgreSQL both run: TEXT, INTEGER and BIGINT columns only, ids
-- made by the application, times in epoch milliseconds (UTC). Never edit this file once it is on main: add V2__...

-- Definitions as the YAML files --defs reads, one row per file of a connector's folder:
-- 'connector.yaml', 'settings.yaml' (the connector's non-secret settings) and 'actions/<name>.yaml'.
CREATE TABLE document (
  connector TEXT    NOT NULL,
  file      TEXT    NOT NULL,
  version   INTEGER NOT NULL,
  text      TEXT    NOT NULL,
  saved_by  TEXT    NOT NULL,
  saved_at  BIGINT  NOT NULL,
  PRIMARY KEY (connector, file)
);

-- Every version of every file; text is NULL in the version that deleted it.
CREATE TABLE document_version (
  connector TEXT    NOT NULL,
  file      TEXT    NOT NULL,
  version   INTEGER NOT NULL,
  text      TEXT,
  change    TEXT    NOT NULL,
  saved_by  TEXT    NOT NULL,
  saved_at  BIGINT  NOT NULL,
  PRIMARY KEY (connector, file, version)
);

-- Credentials: AES-256-GCM ciphertext under the master key (base64), never a value in clear.
CREATE TABLE credential (
  connector  TEXT   NOT NULL,
  name       TEXT   NOT NULL,
  nonce      TEXT   NOT NULL,
  ciphertext TEXT   NOT NULL,
  key_id     TEXT   NOT NULL,
  last4      TEXT   NOT NULL,
  set_by     TEXT   NOT NULL,
  set_at     BIGINT NOT NULL,
  PRIMARY KEY (connector, name)
);

-- One row per call through REST, MCP or the studio; inputs already redacted, exchanges a JSON array.
CREATE TABLE run (
  id               TEXT    PRIMARY KEY,
  started_at       BIGINT  NOT NULL,
  connector        TEXT    NOT NULL,
  action           TEXT    NOT NULL,
  action_version   INTEGER,
  caller           TEXT    NOT NULL,
  channel          TEXT    NOT NULL,
  inputs           TEXT    NOT NULL,
  outcome          TEXT    NOT NULL,
  error_category   TEXT,
  error_message    TEXT,
  status           INTEGER,
  exchanges        TEXT    NOT NULL,
  output_excerpt   TEXT,
  output_truncated INTEGER NOT NULL,
  duration_ms      BIGINT  NOT NULL
);
CREATE INDEX run_by_action ON run (connector, action, started_at, id);
CREATE INDEX run_by_time ON run (started_at, id);

-- Who changed what; never a credential's value.
CREATE TABLE audit_event (
  id     TEXT   PRIMARY KEY,
  at     BIGINT NOT NULL,
  actor  TEXT   NOT NULL,
  event  TEXT   NOT NULL,
  target TEXT   NOT NULL,
  detail TEXT   NOT NULL
);
CREATE INDEX audit_by_time ON audit_event (at, id);

-- Access keys, stored as the SHA-256 of the key; role admin or agent; tools a JSON array of globs.
CREATE TABLE access_key (
  id         TEXT    PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE,
  key_hash   TEXT    NOT NULL UNIQUE,
  prefix     TEXT    NOT NULL,
  role       TEXT    NOT NULL,
  tools      TEXT    NOT NULL,
  read_only  INTEGER NOT NULL,
  created_by TEXT    NOT NULL,
  created_at BIGINT  NOT NULL,
  revoked_at BIGINT
);

-- One-time confirmation tokens of destructive tools, stored as the SHA-256 of the token.
CREATE TABLE confirmation_token (
  token_hash       TEXT   PRIMARY KEY,
  tool             TEXT   NOT NULL,
  arguments_digest TEXT   NOT NULL,
  holder           TEXT   NOT NULL,
  expires_at       BIGINT NOT NULL
);
CREATE INDEX confirmation_by_expiry ON confirmation_token (expires_at);

-- Facts about the workspace itself, such as when it was set up.
CREATE TABLE workspace_fact (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
