-- Who may approve a workspace's gated calls (issue 9, item 5): 'client' (MCP elicitation may approve; people still can)
-- or 'person' (elicitation is never offered; the call is queued for the console, the CLI or the admin API).
-- NULL means "the serving mode's default": client under `serve --stdio`, person over HTTP. Set by
-- `workspace set-approvers` and PUT /admin/api/workspaces/{slug}/approvers, which bump catalog_version in the same
-- transaction so running servers apply it on their next call.
ALTER TABLE workspaces ADD COLUMN approvers TEXT CHECK (approvers IS NULL OR approvers IN ('client', 'person'));
