-- Discovery mode (issue 12, item 3): how a workspace's sessions list tools. 'all' lists every tool the session's scope
-- allows; 'discovery' lists only the meta tools (search_tools, call_tool, list_connectors, get_approval). Set by
-- `workspace set-tool-mode`, which bumps catalog_version in the same transaction so running servers send
-- tools/list_changed. An API key may fix its own mode (NULL: the workspace's); like the rest of a key's scope, it is set
-- when the key is created.
ALTER TABLE workspaces ADD COLUMN tool_mode TEXT NOT NULL DEFAULT 'all' CHECK (tool_mode IN ('all', 'discovery'));
ALTER TABLE api_keys ADD COLUMN tool_mode TEXT CHECK (tool_mode IS NULL OR tool_mode IN ('all', 'discovery'));
