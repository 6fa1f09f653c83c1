-- Nothing beyond 0001 yet: the approval, audit, OAuth state, idempotency and admin stores run on 0001's tables and
-- indexes (audit_chain_heads is locked per workspace by the audit writers; no extra function or index is needed).
-- Kept as a no-op so the migration numbers have no gap.
SELECT 1;
