using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Auth;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Google.Tests.Auth;

/// <summary>Google's revocation through Google.Apis, against the fake's revoke endpoint over HTTP.</summary>
public sealed class GoogleTokenRevokerTests : IAsyncLifetime
{
    private readonly FakeGoogleServer _server = new();
    private readonly SocketsHttpHandler _pool = new();

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _pool.Dispose();
    }

    [Fact]
    public async Task RevokeAsync_RefreshToken_KillsTheGrantAtTheRevokeUrlSetting()
    {
        var grant = _server.IssueTokens();

        await Revoker().RevokeAsync(Settings(), new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt), CancellationToken.None);

        Assert.False(_server.IsLiveRefreshToken(grant.RefreshToken));
        Assert.Equal(1, _server.RequestCount(FakeGoogleEndpoints.Revoke));
        Assert.Equal(0, _server.TokenRequestCount);
    }

    [Fact]
    public async Task RevokeAsync_OnlyAnAccessToken_KillsTheGrantItCameFrom()
    {
        var grant = _server.IssueTokens();

        await Revoker().RevokeAsync(Settings(), new OAuthTokens(grant.AccessToken, null, grant.ExpiresAt), CancellationToken.None);

        Assert.False(_server.IsLiveRefreshToken(grant.RefreshToken));
    }

    [Fact]
    public async Task RevokeAsync_GrantAlreadyDead_IsNotAnError()
    {
        var grant = _server.IssueTokens();
        _server.RevokeGrant(grant.RefreshToken);

        await Revoker().RevokeAsync(Settings(), new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt), CancellationToken.None);

        Assert.Equal(1, _server.RequestCount(FakeGoogleEndpoints.Revoke));
    }

    [Fact]
    public async Task RevokeAsync_EndpointDown_IsAProviderErrorWithoutTheToken()
    {
        var grant = _server.IssueTokens();
        _server.InjectFault(FakeGoogleEndpoints.Revoke, FakeFault.Unavailable());

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Revoker().RevokeAsync(Settings(), new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt), CancellationToken.None));

        Assert.Contains("503", error.Message);
        Assert.DoesNotContain(grant.RefreshToken, error.Message);
        Assert.True(_server.IsLiveRefreshToken(grant.RefreshToken));
    }

    [Fact]
    public async Task RevokeAsync_EndpointUnreachable_IsAProviderError()
    {
        var grant = _server.IssueTokens();
        var settings = new ConnectorSettings(new Dictionary<string, string> { [ConnectorSettings.RevokeUrl] = "http://127.0.0.1:9/revoke" });

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            Revoker().RevokeAsync(settings, new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt), CancellationToken.None));

        Assert.Contains("could not be reached", error.Message);
    }

    private GoogleTokenRevoker Revoker() => new(new PoolFactory(_pool));

    private ConnectorSettings Settings() => new(new Dictionary<string, string> { [ConnectorSettings.RevokeUrl] = _server.RevokeUrl.AbsoluteUri });

    private sealed class PoolFactory(HttpMessageHandler pool) : IHttpMessageHandlerFactory
    {
        public HttpMessageHandler CreateHandler(string name) => new TestSupport.NonDisposingHandler(pool);
    }
}
