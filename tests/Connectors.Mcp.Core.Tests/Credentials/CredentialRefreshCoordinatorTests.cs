using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Core.Tests.Credentials;

/// <summary>The coordinator's own checks; its protocol runs against SQLite and the fake Google in Connectors.Mcp.Google.Tests (RefreshProtocolTests).</summary>
public sealed class CredentialRefreshCoordinatorTests
{
    [Fact]
    public void Constructor_TokenRequestTimeoutNotShorterThanTheLease_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new CredentialRefreshCoordinator(
            TimeProvider.System, null, new CredentialRefreshOptions { LeaseDuration = TimeSpan.FromSeconds(10), TokenRequestTimeout = TimeSpan.FromSeconds(10) }));

    [Fact]
    public void Defaults_LeaseOutlivesTheTokenRequest_AndTheWaitOutlivesTheLease()
    {
        var options = new CredentialRefreshCoordinator(TimeProvider.System).Options;

        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseDuration);
        Assert.True(options.TokenRequestTimeout < options.LeaseDuration);
        Assert.True(options.MaxWait > options.LeaseDuration, "a waiter outlasts a crashed holder's lease, then takes over");
        Assert.Equal(TimeSpan.FromMinutes(5), CredentialRefreshCoordinator.ExpirySkew);
    }
}
