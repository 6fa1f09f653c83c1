using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// <c>workspace_connectors.credential_state</c> stores active, needs_reauth and revoked; refreshing is what an active
/// grant reads as while a refresh lease on it is live (so a holder that crashed cannot leave it refreshing for ever).
/// </summary>
public static class EffectiveCredentialState
{
    public static CredentialState Of(CredentialState stored, DateTimeOffset? leaseUntil, DateTimeOffset? now) =>
        stored == CredentialState.Active && now is { } at && leaseUntil is { } until && until > at ? CredentialState.Refreshing : stored;
}
