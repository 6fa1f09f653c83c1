-- Pending OAuth authorizations of the connect flow (OAuthConnectFlow): one row per authorization request sent to a
-- provider, redeemed at most once by the provider's redirect. The state is stored only as its SHA-256, the PKCE verifier
-- encrypted (associated data: oauth-state|<workspace>|<connector>|<state_hash>) and erased when the state is redeemed.
-- Redeemed rows stay (without verifier) so a replay is recognised; rows are purged a day after they expire.

CREATE TABLE oauth_states (
    state_hash         TEXT PRIMARY KEY, -- SHA-256 hex of the state sent to the provider
    workspace_id       TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    connector_id       TEXT NOT NULL REFERENCES workspace_connectors (id) ON DELETE CASCADE,
    redirect_uri       TEXT NOT NULL,    -- exactly as sent; the callback and the token request must use the same
    verifier_encrypted BLOB,             -- PKCE code_verifier; NULL once redeemed
    created_at         TEXT NOT NULL,
    expires_at         TEXT NOT NULL,
    redeemed_at        TEXT,
    CHECK ((redeemed_at IS NULL) = (verifier_encrypted IS NOT NULL))
) STRICT;

CREATE INDEX oauth_states_expires ON oauth_states (expires_at);
CREATE INDEX oauth_states_connector ON oauth_states (connector_id);
