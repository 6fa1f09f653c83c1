-- Idempotency (issue 4): one record per (workspace, key) for writes. A call claims its key in an immediate transaction
-- before its audit intent row (status 'running'); success stores the first result (encrypted, bound to workspace + key)
-- and the audit row that produced it; a failure that did not take effect deletes the record, so a retry runs again.
-- Records live 24 h from creation and are purged lazily by later claims.
CREATE TABLE idempotency_keys (
    workspace_id     TEXT NOT NULL REFERENCES workspaces (id),
    key              TEXT NOT NULL,
    fingerprint      TEXT NOT NULL, -- SHA-256 of tool + canonical arguments: a key reused for another call is refused
    tool             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded')),
    claim_id         TEXT NOT NULL, -- the run holding the claim
    result_encrypted BLOB,
    audit_row_id     INTEGER,
    created_at       TEXT NOT NULL,
    claimed_at       TEXT NOT NULL,
    completed_at     TEXT,
    expires_at       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, key)
) STRICT;

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
