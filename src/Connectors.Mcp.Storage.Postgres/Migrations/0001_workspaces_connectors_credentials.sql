-- The whole schema, as the SQLite schema stands after its migration 0015 (src/Connectors.Mcp.Storage.Sqlite/Migrations
-- explains each table and column): same tables, columns, keys, foreign keys (with their ON DELETE), CHECKs and indexes.
-- Types: ids and text -> text; timestamps -> timestamptz, written in whole milliseconds (StorageTime) as SQLite keeps
-- them; counters -> integer/bigint; ciphertexts -> bytea; JSON -> text, byte for byte what the stores write (hashes and
-- associated data agree across backends); SQLite's 0/1 flags -> boolean. Secrets are AES-256-GCM blobs whose associated
-- data names their row (SecretProtector), exactly as on SQLite.
-- One addition: the tables whose lists SQLite orders by "created_at, rowid" (api_keys, workspace_connectors,
-- approvals, admin_tokens) get an explicit rowid column (insertion order; PostgreSQL has none implicit), so the same
-- ORDER BY works on both backends and rows created in one millisecond keep their order.

CREATE TABLE workspaces (
    id                         text PRIMARY KEY,
    slug                       text NOT NULL UNIQUE,
    plan                       text NOT NULL CHECK (plan IN ('free', 'pro', 'enterprise')),
    -- bumped by every change to the workspace's tool list or policies, in the change's transaction
    catalog_version            bigint NOT NULL DEFAULT 0,
    created_at                 timestamptz NOT NULL,
    calls_per_minute           integer CHECK (calls_per_minute IS NULL OR calls_per_minute >= 1),
    connector_calls_per_minute integer CHECK (connector_calls_per_minute IS NULL OR connector_calls_per_minute >= 1),
    domains                    text NOT NULL DEFAULT '[]', -- JSON array of lower-case mail domains
    approvers                  text CHECK (approvers IS NULL OR approvers IN ('client', 'person')),
    tool_mode                  text NOT NULL DEFAULT 'all' CHECK (tool_mode IN ('all', 'discovery'))
);

CREATE TABLE api_keys (
    key_hash      text PRIMARY KEY, -- SHA-256 hex of the key; the key itself is never stored
    id            text NOT NULL UNIQUE,
    workspace_id  text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          text CHECK (name IS NULL OR char_length(name) BETWEEN 1 AND 100),
    read_only     boolean NOT NULL DEFAULT false,
    tool_patterns text NOT NULL DEFAULT '[]' CHECK (json_typeof(tool_patterns::json) = 'array'),
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    tool_mode     text CHECK (tool_mode IS NULL OR tool_mode IN ('all', 'discovery')),
    rowid         bigint GENERATED ALWAYS AS IDENTITY UNIQUE -- insertion order (SQLite's implicit rowid)
);

CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);

CREATE TABLE connector_definitions (
    type         text PRIMARY KEY,
    display_name text NOT NULL,
    provider     text NOT NULL,
    description  text NOT NULL,
    scopes_json  text NOT NULL,
    actions_json text NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE workspace_connectors (
    id                     text PRIMARY KEY,
    workspace_id           text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                   text NOT NULL,
    type                   text NOT NULL REFERENCES connector_definitions (type),
    status                 text NOT NULL CHECK (status IN ('active', 'disabled', 'error', 'needs_reauth')),
    settings_json          text NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    last_sync_at           timestamptz,
    last_error             text,
    consecutive_failures   integer NOT NULL DEFAULT 0,
    -- 'refreshing' is not stored: it is reported while a refresh lease is live
    credential_state       text NOT NULL DEFAULT 'needs_reauth' CHECK (credential_state IN ('active', 'needs_reauth', 'revoked')),
    published_actions_json text, -- NULL: every action of the type
    rowid                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE, -- insertion order (SQLite's implicit rowid)
    UNIQUE (workspace_id, name)
);

CREATE TABLE connector_credentials (
    connector_id          text PRIMARY KEY REFERENCES workspace_connectors (id) ON DELETE CASCADE,
    workspace_id          text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    tokens_encrypted      bytea NOT NULL, -- JSON tokens; associated data: workspace and connector
    expires_at            timestamptz,    -- access token expiry, in clear
    version               bigint NOT NULL,
    revoked_at            timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    -- the refresh lease, taken by a conditional UPDATE on version (one row lock decides between instances)
    refresh_lease_owner   text,
    refresh_lease_until   timestamptz,
    refresh_failures      integer NOT NULL DEFAULT 0,
    refresh_blocked_until timestamptz
);

CREATE INDEX connector_credentials_workspace ON connector_credentials (workspace_id);

CREATE TABLE oauth_clients (
    provider                text PRIMARY KEY CHECK (char_length(provider) BETWEEN 1 AND 32),
    client_id               text NOT NULL,
    client_secret_encrypted bytea, -- associated data: provider
    updated_at              timestamptz NOT NULL
);

CREATE TABLE connector_server_apps (
    connector_id            text PRIMARY KEY REFERENCES workspace_connectors (id) ON DELETE CASCADE,
    workspace_id            text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id              text NOT NULL CHECK (char_length(account_id) BETWEEN 1 AND 128),
    client_id               text NOT NULL CHECK (char_length(client_id) BETWEEN 1 AND 128),
    client_secret_encrypted bytea NOT NULL, -- associated data: workspace and connector
    updated_at              timestamptz NOT NULL
);

CREATE TABLE policies (
    workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    tool         text NOT NULL,
    policy       text NOT NULL CHECK (policy IN ('auto', 'approve', 'deny')),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, tool)
);

CREATE TABLE approval_rules (
    id           text PRIMARY KEY,
    workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    position     integer NOT NULL CHECK (position >= 1),
    tool_pattern text NOT NULL,
    condition    text NOT NULL,
    effect       text NOT NULL CHECK (effect IN ('auto', 'approve', 'deny')),
    note         text,
    created_at   timestamptz NOT NULL,
    -- deferrable: moving rules down/up by one is a single UPDATE whose rows pass through each other's positions
    UNIQUE (workspace_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

CREATE TABLE approvals (
    id                  text PRIMARY KEY,
    workspace_id        text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector_id        text NOT NULL, -- no foreign key: an approval (and its outcome) outlives its connector
    tool                text NOT NULL,
    action              text NOT NULL,
    arguments_encrypted bytea NOT NULL, -- associated data: workspace and approval
    arguments_hash      text NOT NULL,
    summary_encrypted   bytea NOT NULL,
    status              text NOT NULL
        CHECK (status IN ('pending', 'approved', 'running', 'succeeded', 'failed', 'denied', 'expired')),
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    decided_at          timestamptz,
    decided_by          text,
    reason              text,
    claimed_at          timestamptz,
    finished_at         timestamptz,
    result_encrypted    bytea,
    error               text,
    claim_owner         text,
    lease_until         timestamptz,
    claim_key           text,
    rowid               bigint GENERATED ALWAYS AS IDENTITY UNIQUE -- insertion order (SQLite's implicit rowid)
);

CREATE INDEX approvals_workspace ON approvals (workspace_id, created_at);
CREATE INDEX approvals_pending ON approvals (workspace_id, tool, arguments_hash) WHERE status = 'pending';
CREATE INDEX approvals_running ON approvals (workspace_id) WHERE status = 'running';

-- The audit log; final rows are hash-chained per workspace. Identity values are never reused (like AUTOINCREMENT).
CREATE TABLE connector_actions (
    id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    workspace_id   text NOT NULL REFERENCES workspaces (id),
    connector_id   text,
    tool           text NOT NULL,
    action         text,
    status         text NOT NULL
        CHECK (status IN ('started', 'succeeded', 'failed', 'rejected', 'denied', 'pending_approval', 'rate_limited')),
    error_code     text,
    error_message  text,
    arguments_json text NOT NULL,
    arguments_hash text,
    approval_id    text,
    decision       text,
    caller         text,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    duration_ms    bigint,
    seq            bigint,
    prev_hash      text,
    hash           text,
    owner          text,
    UNIQUE (workspace_id, seq)
);

CREATE INDEX connector_actions_workspace ON connector_actions (workspace_id, id);
CREATE INDEX connector_actions_started ON connector_actions (workspace_id) WHERE status = 'started';
CREATE INDEX connector_actions_approval ON connector_actions (approval_id) WHERE approval_id IS NOT NULL;
CREATE INDEX connector_actions_tool ON connector_actions (workspace_id, tool, id);

CREATE TABLE audit_chain_heads (
    workspace_id text PRIMARY KEY REFERENCES workspaces (id),
    seq          bigint NOT NULL,
    hash         text NOT NULL,
    row_id       bigint NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE oauth_states (
    state_hash         text PRIMARY KEY,
    workspace_id       text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector_id       text NOT NULL REFERENCES workspace_connectors (id) ON DELETE CASCADE,
    redirect_uri       text NOT NULL,
    verifier_encrypted bytea,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    redeemed_at        timestamptz,
    CHECK ((redeemed_at IS NULL) = (verifier_encrypted IS NOT NULL))
);

CREATE INDEX oauth_states_expires ON oauth_states (expires_at);
CREATE INDEX oauth_states_connector ON oauth_states (connector_id);

CREATE TABLE idempotency_keys (
    workspace_id     text NOT NULL REFERENCES workspaces (id),
    key              text NOT NULL,
    fingerprint      text NOT NULL,
    tool             text NOT NULL,
    status           text NOT NULL CHECK (status IN ('running', 'succeeded')),
    claim_id         text NOT NULL,
    result_encrypted bytea,
    audit_row_id     bigint,
    created_at       timestamptz NOT NULL,
    claimed_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

CREATE TABLE admin_tokens (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    rowid        bigint GENERATED ALWAYS AS IDENTITY UNIQUE -- insertion order (SQLite's implicit rowid)
);

CREATE TABLE admin_sessions (
    session_hash text PRIMARY KEY,
    token_id     text NOT NULL REFERENCES admin_tokens (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);

CREATE INDEX admin_sessions_token ON admin_sessions (token_id);

-- Operator audit: written by the store in the transaction that makes the change; no foreign key (a row outlives its
-- workspace). Append-only: the database refuses UPDATE and DELETE.
CREATE TABLE operator_changes (
    id             bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text NOT NULL,
    workspace_id   text,
    workspace_slug text,
    action         text NOT NULL,
    target         text,
    old_value      text,
    new_value      text
);

CREATE INDEX operator_changes_workspace ON operator_changes (workspace_id, id);

CREATE FUNCTION operator_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'operator_changes is append-only';
END;
$$;

CREATE TRIGGER operator_changes_no_update BEFORE UPDATE ON operator_changes
    FOR EACH ROW EXECUTE FUNCTION operator_changes_append_only();

CREATE TRIGGER operator_changes_no_delete BEFORE DELETE ON operator_changes
    FOR EACH ROW EXECUTE FUNCTION operator_changes_append_only();
