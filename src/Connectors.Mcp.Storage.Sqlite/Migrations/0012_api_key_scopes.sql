-- Scoped API keys: each key gets a public id (key_…, what lists show and `apikey revoke` takes; the key's hash stays
-- the lookup), an optional name, and a scope — read_only (only read-only tools) and tool_patterns (a JSON list of
-- tool-name globs, [] = every name). Keys created before this migration get an id and the full scope (read_only 0,
-- patterns []), so they keep opening every tool. SQLite cannot add a NOT NULL UNIQUE column in place, so the table is
-- rebuilt; nothing references it.
CREATE TABLE api_keys_new (
    key_hash      TEXT PRIMARY KEY, -- SHA-256 hex of the key; the key itself is never stored
    id            TEXT NOT NULL UNIQUE,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100),
    read_only     INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),
    tool_patterns TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tool_patterns) AND json_type(tool_patterns) = 'array'),
    created_at    TEXT NOT NULL,
    revoked_at    TEXT
) STRICT;

-- 120 random bits, like the ids the application makes (hex here: SQL has no base32; both are opaque).
INSERT INTO api_keys_new (key_hash, id, workspace_id, name, read_only, tool_patterns, created_at, revoked_at)
SELECT key_hash, 'key_' || lower(hex(randomblob(15))), workspace_id, NULL, 0, '[]', created_at, revoked_at FROM api_keys;

DROP TABLE api_keys;
ALTER TABLE api_keys_new RENAME TO api_keys;
CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
