using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// <c>connector disconnect</c>: revokes the grant at the provider where this build can (<see cref="ITokenRevoker"/>),
/// then deletes the tokens locally whatever the provider said — credential state <c>revoked</c>, connector status
/// <c>needs_reauth</c> (a disabled connector stays disabled). The provider call happens before, and outside, the write.
/// </summary>
public sealed partial class ConnectorDisconnection(
    ICredentialStore credentials, ConnectorRegistry registry, IEnumerable<ITokenRevoker> revokers, ILogger<ConnectorDisconnection> logger)
{
    public async Task<DisconnectResult> DisconnectAsync(ConnectorInstance connector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var result = await RevokeAtProviderAsync(connector, cancellationToken).ConfigureAwait(false);
        await credentials.DeleteTokensAsync(connector.Id, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private async Task<DisconnectResult> RevokeAtProviderAsync(ConnectorInstance connector, CancellationToken cancellationToken)
    {
        OAuthTokens? tokens;
        try
        {
            tokens = await credentials.GetTokensAsync(connector.WorkspaceId, connector.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (ReconnectRequiredException)
        {
            return new DisconnectResult(ProviderRevocation.Failed, "the stored tokens cannot be decrypted, so they could not be sent to the provider to revoke");
        }

        if (tokens is null)
        {
            return new DisconnectResult(ProviderRevocation.NothingToRevoke);
        }

        var provider = registry.Find(connector.Type)?.Provider;
        var revoker = provider is null ? null : revokers.FirstOrDefault(r => string.Equals(r.Provider, provider, StringComparison.Ordinal));
        if (revoker is null)
        {
            return new DisconnectResult(ProviderRevocation.NotSupported, $"this build cannot revoke grants at provider '{provider ?? "unknown"}'");
        }

        try
        {
            await revoker.RevokeAsync(new ConnectorSettings(connector.Settings), tokens, cancellationToken).ConfigureAwait(false);
            return new DisconnectResult(ProviderRevocation.Revoked);
        }
        catch (ConnectorException ex)
        {
            LogRevocationFailed(ex, connector.Id);
            return new DisconnectResult(ProviderRevocation.Failed, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not a typed error: say only what kind of failure it was (a raw message could carry a request URL).
            LogRevocationFailed(ex, connector.Id);
            return new DisconnectResult(ProviderRevocation.Failed, $"the revocation request failed ({ex.GetType().Name})");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking the grant of connector {ConnectorId} at its provider failed; its tokens are deleted locally anyway.")]
    private partial void LogRevocationFailed(Exception exception, string connectorId);
}
