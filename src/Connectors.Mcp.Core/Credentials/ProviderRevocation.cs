namespace Connectors.Mcp.Core.Credentials;

/// <summary>What became of the provider side of a <c>connector disconnect</c> (the local tokens are deleted in every case).</summary>
public enum ProviderRevocation
{
    /// <summary>The provider confirmed the revocation: the grant is dead everywhere.</summary>
    Revoked,

    /// <summary>The provider call failed or was refused; the grant may still be live at the provider.</summary>
    Failed,

    /// <summary>This build cannot revoke at the connector's provider; the grant may still be live there.</summary>
    NotSupported,

    /// <summary>No readable tokens were stored, so there was nothing to revoke.</summary>
    NothingToRevoke,
}
