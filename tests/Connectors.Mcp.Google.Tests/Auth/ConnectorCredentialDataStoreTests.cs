using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Google.Auth;
using Connectors.Mcp.Google.Tests.TestSupport;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Google.Tests.Auth;

public sealed class ConnectorCredentialDataStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DeleteAsync_KeepsTheStoredTokens()
    {
        var tokens = new OAuthTokens("at", "rt", Now.AddHours(1));
        var credentials = new InMemoryConnectorCredentials(tokens);
        var store = new ConnectorCredentialDataStore(credentials, new FakeTimeProvider(Now), NullLogger.Instance);

        await store.DeleteAsync<TokenResponse>("ws/conn");

        Assert.Same(tokens, credentials.Current);
    }

    [Fact]
    public async Task StoreAsync_SavesTokensWithAbsoluteExpiry()
    {
        var credentials = new InMemoryConnectorCredentials(null);
        var store = new ConnectorCredentialDataStore(credentials, new FakeTimeProvider(Now), NullLogger.Instance);

        await store.StoreAsync("ws/conn", new TokenResponse
        {
            AccessToken = "new-at",
            RefreshToken = "rt",
            ExpiresInSeconds = 3599,
            IssuedUtc = Now.UtcDateTime,
            Scope = "s",
            TokenType = "Bearer",
        });

        var saved = Assert.Single(credentials.Saved);
        Assert.Equal("new-at", saved.AccessToken);
        Assert.Equal("rt", saved.RefreshToken);
        Assert.Equal(Now.AddSeconds(3599), saved.ExpiresAt);
        Assert.Equal("s", saved.Scope);
    }

    [Fact]
    public async Task GetAsync_RoundTripsExpiryThroughTokenResponse()
    {
        var credentials = new InMemoryConnectorCredentials(new OAuthTokens("at", "rt", Now.AddMinutes(30)));
        var store = new ConnectorCredentialDataStore(credentials, new FakeTimeProvider(Now), NullLogger.Instance);

        var token = await store.GetAsync<TokenResponse>("ws/conn");

        Assert.Equal("at", token.AccessToken);
        Assert.Equal(Now.AddMinutes(30), GoogleTokenConversion.ToOAuthTokens(token).ExpiresAt);
    }
}
