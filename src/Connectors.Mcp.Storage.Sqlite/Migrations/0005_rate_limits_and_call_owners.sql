-- Reliability (issue 4): per-workspace rate-limit overrides, and the owner of every audit intent row.
-- Numbered 0004 on its own branch; renumbered at merge after the idempotency migration.

-- Overrides of the plan's rate limits (PlanLimits); NULL means "the plan's default". Set by `workspace set-limits`,
-- which bumps catalog_version in the same transaction, so running servers pick the change up.
ALTER TABLE workspaces ADD COLUMN calls_per_minute INTEGER CHECK (calls_per_minute IS NULL OR calls_per_minute >= 1);
ALTER TABLE workspaces ADD COLUMN connector_calls_per_minute INTEGER
    CHECK (connector_calls_per_minute IS NULL OR connector_calls_per_minute >= 1);

-- The process that wrote the row: '<machine>/<pid>/<process start, unix ms>'. A 'started' row whose owner is no
-- longer running (no such pid, or the pid now belongs to a process started at another time) was interrupted by a
-- crash; a restarting server marks it failed/interrupted and chains it. Rows of a live process are left alone.
ALTER TABLE connector_actions ADD COLUMN owner TEXT;
