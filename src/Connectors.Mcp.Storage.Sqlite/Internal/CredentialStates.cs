using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// <c>workspace_connectors.credential_state</c> stores active, needs_reauth and revoked; refreshing is what an active
/// grant reads as while a refresh lease on it is live (so a holder that crashed cannot leave it refreshing for ever).
/// </summary>
internal static class CredentialStates
{
    public static CredentialState Effective(CredentialState stored, DateTimeOffset? leaseUntil, DateTimeOffset? now) =>
        EffectiveCredentialState.Of(stored, leaseUntil, now);

    /// <summary>Sets the stored state (never <see cref="CredentialState.Refreshing"/>).</summary>
    public static void Set(PooledConnection connection, string connectorId, CredentialState state)
    {
        if (state == CredentialState.Refreshing)
        {
            throw new ArgumentException("'refreshing' is not stored; it is derived from the refresh lease.", nameof(state));
        }

        connection.Command("UPDATE workspace_connectors SET credential_state = $state WHERE id = $id;")
            .With("$state", state.ToName())
            .With("$id", connectorId)
            .Execute();
    }
}
