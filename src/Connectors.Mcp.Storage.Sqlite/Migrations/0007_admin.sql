-- Admin HTTP API and console (issue 5). Numbered 0007: 0006 belongs to the approval rules work, which lands beside it.

-- Admin tokens open /admin and /admin/api (never /mcp). Only the SHA-256 (hex) of a token is stored.
CREATE TABLE admin_tokens (
    id           TEXT PRIMARY KEY,        -- adm_…
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT,
    last_used_at TEXT
) STRICT;

-- Browser sessions opened by POST /admin/login with a token. The session id (the cookie value) is stored as its SHA-256;
-- the CSRF token is the session's own and is handed to the page by GET /admin/api/session. Revoking the token deletes
-- its sessions.
CREATE TABLE admin_sessions (
    session_hash TEXT PRIMARY KEY,
    token_id     TEXT NOT NULL REFERENCES admin_tokens (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) STRICT;

CREATE INDEX admin_sessions_token ON admin_sessions (token_id);

-- The admin API's audit filters: the row that queued an approval (who asked), and rows of one tool, newest first.
CREATE INDEX connector_actions_approval ON connector_actions (approval_id) WHERE approval_id IS NOT NULL;
CREATE INDEX connector_actions_tool ON connector_actions (workspace_id, tool, id);
