using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Auth;

namespace Connectors.Mcp.Zoom.Tests.Auth;

/// <summary><c>connector disconnect</c>'s revocation at the fake Zoom: the refresh token is dead afterwards.</summary>
public sealed class ZoomTokenRevokerTests
{
    [Fact]
    public async Task Revoke_KillsTheGrant_AtTheRevokeEndpointNextToTheConfiguredTokenUrl()
    {
        await using var zoom = new FakeZoomServer();
        await zoom.StartAsync();
        var grant = zoom.IssueTokens();
        var revoker = new ZoomTokenRevoker(new PlainHandlers(), new ClientStore(new OAuthClientCredentials("zoom", zoom.ClientId, zoom.ClientSecret)));
        var settings = new ConnectorSettings(new Dictionary<string, string> { [ConnectorSettings.TokenUrl] = zoom.TokenUrl.AbsoluteUri });

        await revoker.RevokeAsync(settings, new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt), CancellationToken.None);

        Assert.False(zoom.IsLiveRefreshToken(grant.RefreshToken));
        Assert.Equal(1, zoom.RequestCount(FakeZoomEndpoint.Revoke));
    }

    [Fact]
    public async Task Revoke_WithoutAClient_Refuses()
    {
        var revoker = new ZoomTokenRevoker(new PlainHandlers(), new ClientStore(null));

        await Assert.ThrowsAsync<ProviderException>(() => revoker.RevokeAsync(ConnectorSettings.Empty, new OAuthTokens("a", "r", null), CancellationToken.None));
    }

    private sealed class PlainHandlers : IHttpMessageHandlerFactory
    {
        public HttpMessageHandler CreateHandler(string name) => new SocketsHttpHandler();
    }

    /// <summary>Only the OAuth client lookup the revoker makes; anything else is not expected.</summary>
    private sealed class ClientStore(OAuthClientCredentials? client) : ICredentialStore
    {
        public Task<OAuthClientCredentials?> GetOAuthClientAsync(string provider, CancellationToken cancellationToken) => Task.FromResult(provider == "zoom" ? client : null);

        public Task<OAuthTokens?> GetTokensAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<StoredCredential?> GetStoredCredentialAsync(string workspaceId, string connectorId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteTokensAsync(string connectorId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RefreshLeaseResult> TryAcquireRefreshLeaseAsync(string workspaceId, string connectorId, long fromVersion, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<StoredCredential?> SaveRefreshedTokensAsync(string workspaceId, string connectorId, OAuthTokens tokens, long fromVersion, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<DateTimeOffset> RecordRefreshFailureAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReleaseRefreshLeaseAsync(string workspaceId, string connectorId, string owner, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetOAuthClientAsync(OAuthClientCredentials client, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
