namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// Where a connector's OAuth grant stands, as <c>connector list</c> (<c>credential_state</c>) and <c>list_connectors</c>
/// show it. Independent of <see cref="Storage.ConnectorStatus"/>, which says whether the connector's tools are published.
/// </summary>
public enum CredentialState
{
    /// <summary>Tokens are stored and the grant was not refused: calls use them (refreshing when they expire).</summary>
    Active,

    /// <summary>A refresh is in flight (a live refresh lease, held by this or another process); the tokens stay usable.</summary>
    Refreshing,

    /// <summary>No usable grant: none was ever stored, or the provider refused it (<c>invalid_grant</c>). A person must reconnect.</summary>
    NeedsReauth,

    /// <summary>Disconnected: the grant was revoked (at the provider where possible) and the tokens deleted.</summary>
    Revoked,
}
