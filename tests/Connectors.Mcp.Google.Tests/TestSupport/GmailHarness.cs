using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Google.Gmail;
using Connectors.Mcp.Sandbox.Google;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Google.Tests.TestSupport;

/// <summary>
/// The real Gmail connector against a started <see cref="FakeGoogleServer"/> over real HTTP, with in-memory
/// credentials seeded from the fake, a <see cref="FakeTimeProvider"/> shared by both sides, and the production HTTP
/// stack (<see cref="GooglePipeline"/>: the named client "google" with its per-connector resilience pipeline).
/// </summary>
internal sealed class GmailHarness : IAsyncDisposable
{
    public const string ConnectorName = "work_mail";
    public const string ConnectorId = "conn_0123";

    private readonly GooglePipeline _pipeline;
    private readonly string _connectorId;

    private GmailHarness(FakeGoogleServer server, FakeTimeProvider time, FakeTokenGrant grant, InMemoryConnectorCredentials credentials, GooglePipeline pipeline, string connectorId)
    {
        _pipeline = pipeline;
        _connectorId = connectorId;
        Server = server;
        Time = time;
        Grant = grant;
        Credentials = credentials;
        Type = new GmailConnectorType();
        Context = CreateContext(credentials, new OAuthClientCredentials("google", FakeGoogleServer.SandboxClientId, FakeGoogleServer.SandboxClientSecret));
        Connector = Type.Create(Context);
    }

    public FakeGoogleServer Server { get; }

    public FakeTimeProvider Time { get; }

    public FakeTokenGrant Grant { get; }

    public InMemoryConnectorCredentials Credentials { get; }

    public GmailConnectorType Type { get; }

    public ConnectorContext Context { get; }

    public IConnector Connector { get; }

    public static async Task<GmailHarness> StartAsync(TimeSpan? accessTokenLifetime = null, bool seedMailbox = true, GooglePipeline? pipeline = null, string connectorId = ConnectorId)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new FakeGoogleServer(new FakeGoogleServerOptions
        {
            Time = time,
            SeedMailbox = seedMailbox,
            AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromHours(1),
        });
        await server.StartAsync();
        var grant = server.IssueTokens();
        var credentials = new InMemoryConnectorCredentials(new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope));
        return new GmailHarness(server, time, grant, credentials, pipeline ?? new GooglePipeline(), connectorId);
    }

    public ConnectorContext CreateContext(IConnectorCredentials credentials, OAuthClientCredentials? client, IReadOnlyDictionary<string, string>? settings = null) => new()
    {
        WorkspaceId = "ws_test",
        ConnectorId = _connectorId,
        ConnectorName = ConnectorName,
        Settings = new ConnectorSettings(settings ?? new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = Server.BaseUrl.AbsoluteUri,
            [ConnectorSettings.TokenUrl] = Server.TokenUrl.AbsoluteUri,
            [ConnectorSettings.AuthUrl] = Server.AuthUrl.AbsoluteUri,
        }),
        Credentials = credentials,
        OAuthClient = client,
        Time = Time,
        LoggerFactory = NullLoggerFactory.Instance,
        HttpHandlerFactory = _pipeline.CreateHandler,
    };

    public Task<JsonObject> RunAsync(string action, JsonObject arguments) => Connector.ExecuteAsync(action, arguments, CancellationToken.None);

    public ConnectorAction Action(string name) => Type.Actions.Single(a => a.Name == name);

    public FakeMailboxMessage Seeded(string subject) => Server.Messages.Single(m => m.Message.Subject == subject && !m.LabelIds.Contains("SENT"));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _pipeline.Dispose();
    }
}
