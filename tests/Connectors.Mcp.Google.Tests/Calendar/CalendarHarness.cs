using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Google.Calendar;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Google.Tests.Calendar;

/// <summary>
/// The real Google Calendar connector against a started <see cref="FakeGoogleServer"/> over real HTTP, with in-memory
/// credentials and a <see cref="FakeTimeProvider"/> shared by both sides. The clock starts on Monday 2026-03-02 12:00 UTC
/// (07:00 in New York), so the fake's seeded week is fixed: Mon 2 – Sun 8 March 2026, and New York's clocks go forward
/// on Sunday 8 March.
/// </summary>
internal sealed class CalendarHarness : IAsyncDisposable
{
    public const string ConnectorName = "work_calendar";
    public const string ConnectorId = "conn_cal1";
    public const string Priya = "priya@northwind.example";
    public const string Marco = "marco@northwind.example";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly GooglePipeline _pipeline;

    private CalendarHarness(FakeGoogleServer server, FakeTimeProvider time, FakeTokenGrant grant, InMemoryConnectorCredentials credentials, GooglePipeline pipeline)
    {
        _pipeline = pipeline;
        Server = server;
        Time = time;
        Grant = grant;
        Credentials = credentials;
        Type = new GoogleCalendarConnectorType();
        Context = CreateContext(credentials, new OAuthClientCredentials("google", FakeGoogleServer.SandboxClientId, FakeGoogleServer.SandboxClientSecret));
        Connector = Type.Create(Context);
    }

    public FakeGoogleServer Server { get; }

    public FakeCalendar Calendar => Server.Calendar;

    public FakeTimeProvider Time { get; }

    public FakeTokenGrant Grant { get; }

    public InMemoryConnectorCredentials Credentials { get; }

    public GoogleCalendarConnectorType Type { get; }

    public ConnectorContext Context { get; }

    public IConnector Connector { get; }

    /// <summary>Requests to the Calendar API so far (token requests excluded).</summary>
    public int ApiRequestCount => Server.TotalRequestCount - Server.TokenRequestCount;

    public static async Task<CalendarHarness> StartAsync(DateTimeOffset? now = null, GooglePipeline? pipeline = null)
    {
        var time = new FakeTimeProvider(now ?? Start);
        var server = new FakeGoogleServer(new FakeGoogleServerOptions { Time = time, SeedMailbox = false });
        await server.StartAsync();
        var grant = server.IssueTokens();
        var credentials = new InMemoryConnectorCredentials(new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope));
        return new CalendarHarness(server, time, grant, credentials, pipeline ?? new GooglePipeline());
    }

    public ConnectorContext CreateContext(IConnectorCredentials credentials, OAuthClientCredentials? client, IReadOnlyDictionary<string, string>? settings = null) => new()
    {
        WorkspaceId = "ws_test",
        ConnectorId = ConnectorId,
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

    /// <summary>Runs an action the way the pipeline does: its handler parses the arguments once, then the connector runs that request.</summary>
    public Task<JsonObject> RunAsync(string action, JsonObject arguments) => Connector.ExecuteAsync(Action(action).Parse(arguments), CancellationToken.None);

    /// <summary>The same as <see cref="RunAsync"/>: a connector only ever runs a parsed request, so it cannot skip the checks.</summary>
    public Task<JsonObject> ExecuteAsync(string action, JsonObject arguments) => RunAsync(action, arguments);

    public ConnectorAction Action(string name) => Type.Actions.Single(a => a.Name == name);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _pipeline.Dispose();
    }
}
