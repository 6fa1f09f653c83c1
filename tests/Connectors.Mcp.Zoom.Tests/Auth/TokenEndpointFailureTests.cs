using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Meetings.Actions;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Auth;

/// <summary>Zoom's token endpoint failing during a refresh, against the fake (in-memory credentials, one process).</summary>
public sealed class TokenEndpointFailureTests
{
    [Fact]
    public async Task A503BeforeAnythingRotated_KeepsTheTokens_AndTheNextCallRefreshesWithThem()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var before = harness.Credentials.Current!;
        harness.Server.ExpireAccessTokens();
        harness.Server.FailNextTokenRequests(503);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.RunAsync(ListMeetingsAction.Name, []));
        Assert.Equal(before.RefreshToken, harness.Credentials.Current!.RefreshToken);
        Assert.True(harness.Server.IsLiveRefreshToken(before.RefreshToken!));

        await harness.RunAsync(ListMeetingsAction.Name, []);

        Assert.Equal(2, harness.Server.TokenRequests("refresh_token"));
        Assert.True(harness.Server.IsLiveRefreshToken(harness.Credentials.Current!.RefreshToken!));
    }

    [Fact]
    public async Task ALostTokenAnswer_EndsInNeedsReauth_WithoutALoop()
    {
        await using var harness = await ZoomHarness.StartAsync();
        harness.Server.ExpireAccessTokens();
        harness.Server.LoseNextTokenResponses();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.RunAsync(ListMeetingsAction.Name, []));
        await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync(ListMeetingsAction.Name, []));
        await Assert.ThrowsAsync<ReconnectRequiredException>(() => harness.RunAsync(ListMeetingsAction.Name, []));

        Assert.Equal(2, harness.Server.TokenRequests("refresh_token"));
        Assert.Contains("invalid_grant", harness.Credentials.NeedsReauthReasons[0], StringComparison.Ordinal);
    }
}
