-- Operator audit (issue 9): who changed a policy, rule, domains, limits, API key or admin token, when, from what to what.
-- Each row is written by the store, in the transaction that makes the change, so a change never lands without its row
-- and a row never stands for a change that rolled back.

-- actor: cli:USER | admin:TOKEN_NAME | server. workspace_id has no foreign key and workspace_slug is copied, so a row
-- outlives its workspace and still says which one it was; both are NULL for admin token changes. Values are short text
-- (see OperatorActions); secrets are never written: API keys appear as 'sha256:' + 12 hex digits of their hash, admin
-- tokens by id and name.
CREATE TABLE operator_changes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    workspace_id   TEXT,
    workspace_slug TEXT,
    action         TEXT NOT NULL,
    target         TEXT,
    old_value      TEXT,
    new_value      TEXT
) STRICT;

CREATE INDEX operator_changes_workspace ON operator_changes (workspace_id, id);

-- Append-only: the application never edits or deletes a row, and the database refuses it too.
CREATE TRIGGER operator_changes_no_update BEFORE UPDATE ON operator_changes
BEGIN
    SELECT RAISE(ABORT, 'operator_changes is append-only');
END;

CREATE TRIGGER operator_changes_no_delete BEFORE DELETE ON operator_changes
BEGIN
    SELECT RAISE(ABORT, 'operator_changes is append-only');
END;
