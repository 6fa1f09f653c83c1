using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Meetings.Actions;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Auth;

/// <summary>Server-to-Server OAuth against the fake: account_credentials tokens fetched single-flight and cached until shortly before expiry.</summary>
public sealed class ServerToServerTests
{
    private static Task<JsonObject> RunAsync(ZoomHarness harness, IConnectorCredentials credentials, string action, JsonObject arguments, string? key = null) =>
        harness.Type.Create(harness.Context(key, credentials)).ExecuteAsync(harness.Action(action).Parse(arguments), CancellationToken.None);

    private static ServerAppConnectorCredentials App(ZoomHarness harness, string? secret = null) =>
        new(new ServerAppCredentials(harness.Server.S2SAccountId, harness.Server.S2SClientId, secret ?? harness.Server.S2SClientSecret));

    [Fact]
    public async Task TwoCalls_OneTokenRequest_AndAfterExpiry_ASecond()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var app = App(harness);

        await RunAsync(harness, app, ListMeetingsAction.Name, []);
        var created = await RunAsync(harness, app, CreateMeetingAction.Name, new JsonObject { ["topic"] = "S2S", ["start_time"] = "2026-12-03T16:00:00Z" }, "k1");
        Assert.Equal(1, harness.Server.TokenRequests("account_credentials"));
        SchemaAssert.MatchesOutputSchema(harness.Action(CreateMeetingAction.Name), created);

        harness.Time.Advance(TimeSpan.FromMinutes(55)); // within the 5-minute skew of the one-hour token
        await RunAsync(harness, app, ListMeetingsAction.Name, []);

        Assert.Equal(2, harness.Server.TokenRequests("account_credentials"));
        Assert.Equal(0, harness.Server.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task ConcurrentCalls_WithNoToken_FetchOnce()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var app = App(harness);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => RunAsync(harness, app, ListMeetingsAction.Name, [])))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, harness.Server.TokenRequests("account_credentials"));
    }

    [Fact]
    public async Task ATokenZoomRejects_IsReplacedOnce()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var app = App(harness);
        await RunAsync(harness, app, ListMeetingsAction.Name, []);
        harness.Server.ExpireAccessTokens();

        await RunAsync(harness, app, ListMeetingsAction.Name, []);

        Assert.Equal(2, harness.Server.TokenRequests("account_credentials"));
    }

    [Fact]
    public async Task AWrongSecret_IsAnAuthenticationFailure_ThatNamesNoSecret()
    {
        await using var harness = await ZoomHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => RunAsync(harness, App(harness, "wrong-secret"), ListMeetingsAction.Name, []));

        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.RequestCount(FakeZoomEndpoint.ListMeetings));
    }
}
