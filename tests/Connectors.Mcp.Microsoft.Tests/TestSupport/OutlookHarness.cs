using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Microsoft.Mail;
using Connectors.Mcp.Sandbox.Microsoft;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Microsoft.Tests.TestSupport;

/// <summary>
/// The real Outlook mail connector against a started <see cref="FakeMicrosoftServer"/> over real HTTP, with in-memory
/// credentials seeded from the fake, a <see cref="FakeTimeProvider"/> shared by both sides, and the production HTTP
/// stack (<see cref="MicrosoftPipeline"/>).
/// </summary>
internal sealed class OutlookHarness : IAsyncDisposable
{
    public const string ConnectorName = "work_outlook";
    public const string ConnectorId = "conn_ms01";

    private readonly MicrosoftPipeline _pipeline;

    private OutlookHarness(FakeMicrosoftServer server, FakeTimeProvider time, FakeMicrosoftGrant grant, MicrosoftPipeline pipeline)
    {
        _pipeline = pipeline;
        Server = server;
        Time = time;
        Grant = grant;
        Credentials = new InMemoryConnectorCredentials(new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope));
        Context = new ConnectorContext
        {
            WorkspaceId = "ws_test",
            ConnectorId = ConnectorId,
            ConnectorName = ConnectorName,
            Settings = new ConnectorSettings(new Dictionary<string, string>
            {
                [ConnectorSettings.ApiBaseUrl] = server.GraphBaseUrl.AbsoluteUri,
                [ConnectorSettings.TokenUrl] = server.TokenUrl.AbsoluteUri,
                [ConnectorSettings.AuthUrl] = server.AuthUrl.AbsoluteUri,
            }),
            Credentials = Credentials,
            OAuthClient = new OAuthClientCredentials("microsoft", FakeMicrosoftServer.SandboxClientId, FakeMicrosoftServer.SandboxClientSecret),
            Time = time,
            LoggerFactory = NullLoggerFactory.Instance,
            HttpHandlerFactory = pipeline.CreateHandler,
        };
        Connector = Type.Create(Context);
    }

    public FakeMicrosoftServer Server { get; }

    public FakeTimeProvider Time { get; }

    public FakeMicrosoftGrant Grant { get; }

    public InMemoryConnectorCredentials Credentials { get; }

    public OutlookMailConnectorType Type { get; } = new();

    public ConnectorContext Context { get; }

    public IConnector Connector { get; }

    public static async Task<OutlookHarness> StartAsync(MicrosoftPipeline? pipeline = null, bool seed = true)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new FakeMicrosoftServer(time, seed);
        await server.StartAsync();
        return new OutlookHarness(server, time, server.IssueTokens(), pipeline ?? new MicrosoftPipeline());
    }

    public ConnectorAction Action(string name) => Type.Actions.Single(a => a.Name == name);

    /// <summary>Runs an action as the pipeline does: its handler parses (checks throw here), then the connector runs it.</summary>
    public Task<JsonObject> RunAsync(string action, JsonObject arguments) =>
        Connector.ExecuteAsync(Action(action).Parse(arguments), CancellationToken.None);

    /// <summary>Runs a write as the pipeline does, with <paramref name="key"/> as the call's idempotency key (a fresh connector instance).</summary>
    public Task<JsonObject> RunAsync(string action, JsonObject arguments, string key) =>
        Type.Create(Context.WithKey(key)).ExecuteAsync(Action(action).Parse(arguments), CancellationToken.None);

    /// <summary>What the connector tells the pipeline became of an ambiguous write with <paramref name="key"/>.</summary>
    public Task<WriteOutcome?> ResolveAsync(string action, JsonObject arguments, string key) =>
        ((IWriteOutcomeResolver)Type.Create(Context.WithKey(key))).ResolveAsync(Action(action).Parse(arguments), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _pipeline.Dispose();
    }
}
