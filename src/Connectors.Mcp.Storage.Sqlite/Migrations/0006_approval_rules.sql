-- Approval rules on arguments (issue 5): per workspace, tried in position order before the tool's policy.

-- Positions are dense, 1..n per workspace; the store keeps them so inside one immediate transaction (adding at a
-- position moves later rules down, removing moves them up). condition is the rule's text form
-- (RuleCondition.Text, e.g. 'recipients-all-in:acme.com'), parsed again when read.
CREATE TABLE approval_rules (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 1),
    tool_pattern TEXT NOT NULL,
    condition    TEXT NOT NULL,
    effect       TEXT NOT NULL CHECK (effect IN ('auto', 'approve', 'deny')),
    note         TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (workspace_id, position)
) STRICT;

-- The organisation's own mail domains, a JSON array of lower-case names (e.g. '["acme.com"]'); rules refer to them as
-- 'workspace'. Set by `workspace set-domains`, which bumps catalog_version in the same transaction.
ALTER TABLE workspaces ADD COLUMN domains TEXT NOT NULL DEFAULT '[]';
