using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Meetings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Zoom.Tests.TestSupport;

/// <summary>
/// The real Zoom connector against a started <see cref="FakeZoomServer"/> over real HTTP, with in-memory credentials
/// seeded from the fake, a <see cref="FakeTimeProvider"/> shared by both sides, and the production HTTP stack
/// (<see cref="ZoomPipeline"/>). Writes run with an idempotency key, as the pipeline gives them.
/// </summary>
internal sealed class ZoomHarness : IAsyncDisposable
{
    private readonly ZoomPipeline _pipeline;

    private ZoomHarness(FakeZoomServer server, FakeTimeProvider time, ZoomPipeline pipeline)
    {
        _pipeline = pipeline;
        Server = server;
        Time = time;
        var grant = server.IssueTokens();
        Credentials = new InMemoryConnectorCredentials(new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope));
    }

    public FakeZoomServer Server { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryConnectorCredentials Credentials { get; }

    public ZoomConnectorType Type { get; } = new();

    public static async Task<ZoomHarness> StartAsync(Func<FakeTimeProvider, FakeZoomServerOptions>? options = null, ZoomPipeline? pipeline = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var server = new FakeZoomServer(options?.Invoke(time) ?? new FakeZoomServerOptions { Time = time });
        await server.StartAsync();
        return new ZoomHarness(server, time, pipeline ?? new ZoomPipeline());
    }

    public ConnectorAction Action(string name) => Type.Actions.Single(a => a.Name == name);

    public ConnectorContext Context(string? idempotencyKey = null, IConnectorCredentials? credentials = null) => new()
    {
        WorkspaceId = "ws_test",
        ConnectorId = "conn_zoom01",
        ConnectorName = "zoom",
        Settings = new ConnectorSettings(new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = Server.ApiBaseUrl.AbsoluteUri,
            [ConnectorSettings.TokenUrl] = Server.TokenUrl.AbsoluteUri,
            [ConnectorSettings.AuthUrl] = Server.AuthUrl.AbsoluteUri,
        }),
        Credentials = credentials ?? Credentials,
        OAuthClient = new OAuthClientCredentials("zoom", Server.ClientId, Server.ClientSecret),
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
