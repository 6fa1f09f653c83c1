using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Microsoft.Calendar;
using Connectors.Mcp.Sandbox.Microsoft;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Microsoft.Tests.TestSupport;

/// <summary>
/// The real Outlook calendar connector against a started <see cref="FakeMicrosoftServer"/> over real HTTP, with
/// in-memory credentials seeded from the fake, a <see cref="FakeTimeProvider"/> shared by both sides, and the
/// production HTTP stack (<see cref="MicrosoftPipeline"/>). Writes run with an idempotency key, as the pipeline gives them.
/// </summary>
internal sealed class CalendarHarness : IAsyncDisposable
{
    private readonly MicrosoftPipeline _pipeline;

    private CalendarHarness(FakeMicrosoftServer server, FakeTimeProvider time, MicrosoftPipeline pipeline)
    {
        _pipeline = pipeline;
        Server = server;
        Time = time;
        var grant = server.IssueTokens();
        Credentials = new InMemoryConnectorCredentials(new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope));
    }

    public FakeMicrosoftServer Server { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryConnectorCredentials Credentials { get; }

    public OutlookCalendarConnectorType Type { get; } = new();

    public static async Task<CalendarHarness> StartAsync(MicrosoftPipeline? pipeline = null, bool seed = true, DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        var server = new FakeMicrosoftServer(time, seed);
        await server.StartAsync();
        return new CalendarHarness(server, time, pipeline ?? new MicrosoftPipeline());
    }

    public ConnectorAction Action(string name) => Type.Actions.Single(a => a.Name == name);

    public ConnectorContext Context(string? idempotencyKey = null) => new()
    {
        WorkspaceId = "ws_test",
        ConnectorId = "conn_cal01",
        ConnectorName = "work_calendar",
        Settings = new ConnectorSettings(new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = Server.GraphBaseUrl.AbsoluteUri,
            [ConnectorSettings.TokenUrl] = Server.TokenUrl.AbsoluteUri,
            [ConnectorSettings.AuthUrl] = Server.AuthUrl.AbsoluteUri,
        }),
        Credentials = Credentials,
        OAuthClient = new OAuthClientCredentials("microsoft", FakeMicrosoftServer.SandboxClientId, FakeMicrosoftServer.SandboxClientSecret),
        Time = Time,
        LoggerFactory = NullLoggerFactory.Instance,
        HttpHandlerFactory = _pipeline.CreateHandler,
        IdempotencyKey = idempotencyKey,
    };

    /// <summary>Runs an action as the pipeline does: its handler parses (checks throw here), then the connector runs it.</summary>
    public Task<JsonObject> RunAsync(string action, JsonObject arguments, string? idempotencyKey = null) =>
        Type.Create(Context(idempotencyKey)).ExecuteAsync(Action(action).Parse(arguments), CancellationToken.None);

    /// <summary>What the pipeline does after an ambiguous write: asks the connector what became of it.</summary>
    public Task<WriteOutcome?> ResolveAsync(string action, JsonObject arguments, string? idempotencyKey) =>
        ((IWriteOutcomeResolver)Type.Create(Context(idempotencyKey))).ResolveAsync(Action(action).Parse(arguments), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _pipeline.Dispose();
    }
}
