-- Initial schema. Conventions: timestamps are ISO-8601 UTC text with milliseconds (yyyy-MM-ddTHH:mm:ss.fffZ, so text
-- order is time order); ids are random and prefixed (ws_, con_, apr_); secrets are AES-256-GCM blobs whose associated
-- data names their row (see SecretProtector), so a blob copied to another row does not decrypt.

CREATE TABLE workspaces (
    id              TEXT PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    plan            TEXT NOT NULL CHECK (plan IN ('free', 'pro', 'enterprise')),
    -- bumped by every change to the workspace's tool list or policies; servers compare it to drop cached catalogs
    catalog_version INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys (
    key_hash     TEXT PRIMARY KEY, -- SHA-256 hex of the key; the key itself is never stored
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
) STRICT;

CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

CREATE TABLE connector_definitions (
    type         TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    provider     TEXT NOT NULL,
    description  TEXT NOT NULL,
    scopes_json  TEXT NOT NULL,
    actions_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE workspace_connectors (
    id                   TEXT PRIMARY KEY,
    workspace_id         TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    type                 TEXT NOT NULL REFERENCES connector_definitions (type),
    status               TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'error', 'needs_reauth')),
    settings_json        TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    last_sync_at         TEXT,
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, name)
) STRICT;

CREATE TABLE connector_credentials (
    -- removing a connector removes its credentials
    connector_id     TEXT PRIMARY KEY REFERENCES workspace_connectors (id) ON DELETE CASCADE,
    workspace_id     TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    tokens_encrypted BLOB NOT NULL, -- JSON tokens; associated data: workspace and connector
    expires_at       TEXT,          -- access token expiry, in clear
    version          INTEGER NOT NULL,
    revoked_at       TEXT,          -- the provider refused the grant; cleared by the next save
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE INDEX connector_credentials_workspace ON connector_credentials (workspace_id);

CREATE TABLE oauth_clients (
    provider                TEXT PRIMARY KEY CHECK (provider IN ('google', 'microsoft', 'zoom')),
    client_id               TEXT NOT NULL,
    client_secret_encrypted BLOB, -- associated data: provider
    updated_at              TEXT NOT NULL
) STRICT;

CREATE TABLE policies (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    tool         TEXT NOT NULL,
    policy       TEXT NOT NULL CHECK (policy IN ('auto', 'approve', 'deny')),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, tool)
) STRICT, WITHOUT ROWID;

CREATE TABLE approvals (
    id                  TEXT PRIMARY KEY,
    workspace_id        TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector_id        TEXT NOT NULL, -- no foreign key: an approval (and its outcome) outlives its connector
    tool                TEXT NOT NULL,
    action              TEXT NOT NULL,
    arguments_encrypted BLOB NOT NULL, -- associated data: workspace and approval
    arguments_hash      TEXT NOT NULL, -- SHA-256 of the exact arguments, in clear: the decision is bound to it
    summary_encrypted   BLOB NOT NULL,
    status              TEXT NOT NULL
        CHECK (status IN ('pending', 'approved', 'running', 'succeeded', 'failed', 'denied', 'expired')),
    created_at          TEXT NOT NULL,
    expires_at          TEXT NOT NULL,
    decided_at          TEXT,
    decided_by          TEXT,
    reason              TEXT,
    claimed_at          TEXT,
    finished_at         TEXT,
    result_encrypted    BLOB,
    error               TEXT
) STRICT;

CREATE INDEX approvals_workspace ON approvals (workspace_id, created_at);
CREATE INDEX approvals_pending ON approvals (workspace_id, tool, arguments_hash) WHERE status = 'pending';

-- The audit log. A row is written as 'started' before any upstream side effect and made final later; final rows are
-- hash-chained per workspace (seq, prev_hash, hash). connector_id has no foreign key: audit rows are never rewritten,
-- so they outlive the connector they name.
CREATE TABLE connector_actions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids of deleted rows are never reused
    workspace_id   TEXT NOT NULL REFERENCES workspaces (id),
    connector_id   TEXT,
    tool           TEXT NOT NULL,
    action         TEXT,
    status         TEXT NOT NULL
        CHECK (status IN ('started', 'succeeded', 'failed', 'rejected', 'denied', 'pending_approval', 'rate_limited')),
    error_code     TEXT,
    error_message  TEXT,
    arguments_json TEXT NOT NULL, -- redacted: content replaced by its length and SHA-256
    arguments_hash TEXT,
    approval_id    TEXT,
    decision       TEXT,
    caller         TEXT,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    duration_ms    INTEGER,
    seq            INTEGER,
    prev_hash      TEXT,
    hash           TEXT,
    UNIQUE (workspace_id, seq)
) STRICT;

CREATE INDEX connector_actions_workspace ON connector_actions (workspace_id, id);
CREATE INDEX connector_actions_started ON connector_actions (workspace_id) WHERE status = 'started';

-- The newest chained row per workspace, so that deleting the newest row is detected too.
CREATE TABLE audit_chain_heads (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id),
    seq          INTEGER NOT NULL,
    hash         TEXT NOT NULL,
    row_id       INTEGER NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
