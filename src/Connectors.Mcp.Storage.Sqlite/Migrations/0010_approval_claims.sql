-- Stuck approvals (issue 9): a claimed (running) approval has an owner and a lease.

-- claim_owner: the process that claimed the run, '<machine>/<pid>/<process start, unix ms>' like connector_actions.owner.
-- lease_until: when the claim lapses; the runner's own timeout ends the run before it. A running approval whose owner is
-- gone, or whose lease is over, is settled when anyone looks at it (and by `serve` at start): failed / interrupted when
-- a row of its run exists in the audit log (the action may have reached the provider), back to approved when none does.
-- Rows claimed before this migration have neither; their lease is counted from claimed_at.
-- claim_key: the idempotency key the run will claim; when the claim goes back to approved, a running claim of that key
-- (taken just before the intent row) is made stale at once, so the next run takes it over (asking the provider first)
-- instead of being told "in progress" for the stale timeout.
ALTER TABLE approvals ADD COLUMN claim_owner TEXT;
ALTER TABLE approvals ADD COLUMN lease_until TEXT;
ALTER TABLE approvals ADD COLUMN claim_key TEXT;

CREATE INDEX approvals_running ON approvals (workspace_id) WHERE status = 'running';
