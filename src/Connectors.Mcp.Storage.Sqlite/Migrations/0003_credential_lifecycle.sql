-- Credential lifecycle (issue 3): the state of each connector's OAuth grant, and the columns of the refresh protocol —
-- a lease so that one refresh runs at a time across processes, and a back-off after token-endpoint failures that every
-- process honours. Numbered 0003: 0002 (oauth_states) comes from the connect-flow work.

-- active | needs_reauth | revoked. 'refreshing' is not stored: it is reported while a refresh lease is live, so a
-- process that dies mid-refresh cannot leave a connector "refreshing" for ever.
ALTER TABLE workspace_connectors ADD COLUMN credential_state TEXT NOT NULL DEFAULT 'needs_reauth'
    CHECK (credential_state IN ('active', 'needs_reauth', 'revoked'));

UPDATE workspace_connectors SET credential_state = 'active'
WHERE EXISTS (SELECT 1 FROM connector_credentials c WHERE c.connector_id = workspace_connectors.id AND c.revoked_at IS NULL);

-- Who refreshes now ('<pid>:<random>') and until when; taken by a compare-and-set on connector_credentials.version,
-- void once refresh_lease_until has passed (a crashed holder blocks the others for one lease at most).
ALTER TABLE connector_credentials ADD COLUMN refresh_lease_owner TEXT;
ALTER TABLE connector_credentials ADD COLUMN refresh_lease_until TEXT;

-- Consecutive token-endpoint failures (5xx, network, timeout) and the end of the resulting back-off; a successful
-- refresh or new tokens clear both.
ALTER TABLE connector_credentials ADD COLUMN refresh_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE connector_credentials ADD COLUMN refresh_blocked_until TEXT;
