-- Provider keys are data, not a list: which providers exist is what the build registers (Core ProviderCatalog), so the
-- database no longer spells them out. oauth_clients is rebuilt without its CHECK (provider IN (...)) — SQLite cannot
-- drop a constraint in place; nothing references this table.
CREATE TABLE oauth_clients_new (
    provider                TEXT PRIMARY KEY CHECK (length(provider) BETWEEN 1 AND 32),
    client_id               TEXT NOT NULL,
    client_secret_encrypted BLOB, -- associated data: provider
    updated_at              TEXT NOT NULL
) STRICT;

INSERT INTO oauth_clients_new (provider, client_id, client_secret_encrypted, updated_at)
SELECT provider, client_id, client_secret_encrypted, updated_at FROM oauth_clients;

DROP TABLE oauth_clients;
ALTER TABLE oauth_clients_new RENAME TO oauth_clients;
