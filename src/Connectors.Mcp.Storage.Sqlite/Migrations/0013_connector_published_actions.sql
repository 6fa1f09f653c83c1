-- Toolsets per connector (issue 12): which of a connector's actions its tools publish. NULL (the default) publishes
-- every action of its type, including actions a later build adds; otherwise a JSON array of action names, non-empty, each
-- one of the type's actions when it was set. An action a later build drops is simply no longer published.
ALTER TABLE workspace_connectors ADD COLUMN published_actions_json TEXT;
