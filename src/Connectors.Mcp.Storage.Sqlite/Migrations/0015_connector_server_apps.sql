-- A connector's server-to-server app (Zoom's Server-to-Server OAuth: account_credentials grant, no user, no refresh
-- token), set with `connector set-client-credentials`. One per connector; removing the connector removes it.
CREATE TABLE connector_server_apps (
    connector_id            TEXT PRIMARY KEY REFERENCES workspace_connectors (id) ON DELETE CASCADE,
    workspace_id            TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id              TEXT NOT NULL CHECK (length(account_id) BETWEEN 1 AND 128),
    client_id               TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 128),
    client_secret_encrypted BLOB NOT NULL, -- associated data: workspace and connector
    updated_at              TEXT NOT NULL
) STRICT;
