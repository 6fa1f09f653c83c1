using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Auth;

public sealed class MicrosoftAuthorizationTests
{
    [Fact]
    public async Task ExpiringToken_IsRefreshedOnce_AndTheRotatedRefreshTokenIsSavedBeforeUse()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(58)); // within the 5-minute skew of the 1-hour token

        var result = await harness.RunAsync(ListFoldersAction.Name, []);

        Assert.NotEmpty(result["folders"]!.AsArray());
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.Token));
        var saved = Assert.Single(harness.Credentials.Saved);
        Assert.NotEqual(harness.Grant.RefreshToken, saved.RefreshToken);
        Assert.True(harness.Server.IsLiveRefreshToken(saved.RefreshToken!));
        Assert.False(harness.Server.IsLiveRefreshToken(harness.Grant.RefreshToken)); // rotated away
        Assert.Equal(saved, harness.Credentials.Current);

        // The next refresh sends the rotated token and works.
        harness.Time.Advance(TimeSpan.FromMinutes(58));
        await harness.RunAsync(ListFoldersAction.Name, []);
        Assert.Equal(2, harness.Credentials.Saved.Count);
    }

    [Fact]
    public async Task Unauthorized_RefreshesOnceAndResends()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.ExpireAccessTokens(); // still "valid" by its stored expiry: Graph's 401 is the first sign

        var result = await harness.RunAsync(ListFoldersAction.Name, []);

        Assert.NotEmpty(result["folders"]!.AsArray());
        Assert.Equal(1, harness.Server.RequestCount(FakeMicrosoftEndpoints.Token));
        Assert.Equal(2, harness.Server.RequestCount(FakeMicrosoftEndpoints.MailFolders));
    }

    [Fact]
    public async Task InvalidGrant_MarksNeedsReauth_AndAsksToReconnect()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.RevokeGrant(harness.Grant.RefreshToken);
        harness.Time.Advance(TimeSpan.FromMinutes(58));

        var error = await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync(ListFoldersAction.Name, []));

        Assert.Contains("invalid_grant, AADSTS70000", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Grant.RefreshToken, error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Credentials.NeedsReauthReasons);
        var stored = await harness.Credentials.GetStoredAsync(CancellationToken.None);
        Assert.Equal(CredentialState.NeedsReauth, stored!.State);
    }

    [Fact]
    public async Task TokenEndpointDown_IsAuthenticationFailed_AndTheTokensAreKept()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.Token, FakeGraphFault.Unavailable());
        harness.Time.Advance(TimeSpan.FromMinutes(58));

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.RunAsync(ListFoldersAction.Name, []));

        Assert.Empty(harness.Credentials.Saved);
        Assert.True(harness.Server.IsLiveRefreshToken(harness.Grant.RefreshToken));
    }
}
