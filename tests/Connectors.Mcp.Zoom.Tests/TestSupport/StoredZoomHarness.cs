using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Storage.Sqlite;
using Connectors.Mcp.Zoom.Meetings;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Mcp.Zoom.Tests.TestSupport;

/// <summary>
/// The real Zoom connector on the real credential protocol: a temp SQLite file holding workspace <c>acme</c> and its
/// <c>zoom</c> connector (tokens from a started <see cref="FakeZoomServer"/>, which rotates refresh tokens on every
/// refresh), and "processes" on that file (<see cref="StartProcess"/>), each with its own stores and refresh coordinator.
/// </summary>
internal sealed class StoredZoomHarness : IAsyncDisposable
{
    private readonly SocketsHttpHandler _pool = new();
    private readonly List<SqliteDatabase> _databases = [];
    private readonly SecretProtector _protector = new(RandomNumberGenerator.GetBytes(32));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "connectors-mcp-zoom-tests", Guid.NewGuid().ToString("N"));
    private readonly CredentialRefreshOptions? _refreshOptions;

    private StoredZoomHarness(FakeZoomServer server, CredentialRefreshOptions? refreshOptions)
    {
        Server = server;
        _refreshOptions = refreshOptions;
    }

    public FakeZoomServer Server { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    public ZoomConnectorType Type { get; } = new();

    public Workspace Workspace { get; private set; } = null!;

    public string ConnectorId { get; private set; } = null!;

    public FakeZoomGrant Grant { get; private set; } = null!;

    public StoredZoomProcess Main { get; private set; } = null!;

    private string DatabasePath => Path.Combine(_folder, "connectors.db");

    /// <summary>A connector whose stored access token expires within the refresh skew: the first call refreshes.</summary>
    public static async Task<StoredZoomHarness> StartAsync(CredentialRefreshOptions? refreshOptions = null)
    {
        var server = new FakeZoomServer();
        await server.StartAsync();
        var harness = new StoredZoomHarness(server, refreshOptions);
        Directory.CreateDirectory(harness._folder);
        harness.Main = harness.StartProcess();
        await harness._databases[0].MigrateAsync(CancellationToken.None);
        await harness.Main.Connectors.UpsertDefinitionsAsync(
            [new ConnectorDefinitionRecord(harness.Type.Type, harness.Type.DisplayName, harness.Type.Provider, "Meetings", harness.Type.Scopes, harness.Type.Actions.Select(a => a.Name).ToList())],
            CancellationToken.None);
        harness.Workspace = await new SqliteWorkspaceStore(harness._databases[0], harness.Time).CreateAsync("acme", WorkspacePlan.Pro, CancellationToken.None);
        harness.ConnectorId = (await harness.Main.Connectors.AddAsync(harness.Workspace.Id, harness.Type.Type, harness.Type.Type, new Dictionary<string, string>(), CancellationToken.None)).Id;
        harness.Grant = server.IssueTokens();
        await harness.Main.Credentials.SaveTokensAsync(
            harness.Workspace.Id,
            harness.ConnectorId,
            new OAuthTokens(harness.Grant.AccessToken, harness.Grant.RefreshToken, harness.Time.GetUtcNow().AddMinutes(1), harness.Grant.Scope),
            CancellationToken.None);
        return harness;
    }

    /// <summary>Another process on the same database file.</summary>
    public StoredZoomProcess StartProcess()
    {
        var database = new SqliteDatabase(DatabasePath, Time);
        _databases.Add(database);
        return new StoredZoomProcess(
            this, new SqliteConnectorStore(database, Time), new SqliteCredentialStore(database, Time, _protector), new CredentialRefreshCoordinator(Time, null, _refreshOptions));
    }

    public ConnectorContext CreateContext(IConnectorCredentials credentials) => new()
    {
        WorkspaceId = Workspace.Id,
        ConnectorId = ConnectorId,
        ConnectorName = Type.Type,
        Settings = Settings,
        Credentials = credentials,
        OAuthClient = Client,
        Time = Time,
        LoggerFactory = NullLoggerFactory.Instance,
        HttpHandlerFactory = () => new NonDisposingHandler(_pool),
    };

    public OAuthClientCredentials Client => new("zoom", Server.ClientId, Server.ClientSecret);

    public ConnectorSettings Settings => new(new Dictionary<string, string>
    {
        [ConnectorSettings.ApiBaseUrl] = Server.ApiBaseUrl.AbsoluteUri,
        [ConnectorSettings.TokenUrl] = Server.TokenUrl.AbsoluteUri,
    });

    public HttpClient CreateHttpClient() => new(new NonDisposingHandler(_pool));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _pool.Dispose();
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>One process: its own stores and coordinator on the shared file.</summary>
    internal sealed class StoredZoomProcess(StoredZoomHarness harness, SqliteConnectorStore connectors, SqliteCredentialStore credentials, CredentialRefreshCoordinator coordinator)
    {
        public SqliteConnectorStore Connectors { get; } = connectors;

        public SqliteCredentialStore Credentials { get; } = credentials;

        /// <summary>A fresh connector instance per call, as the invoker creates them.</summary>
        public Task<JsonObject> RunAsync(string action) =>
            harness.Type.Create(harness.CreateContext(new StoredConnectorCredentials(Credentials, Connectors, coordinator, harness.Workspace.Id, harness.ConnectorId)))
                .ExecuteAsync(harness.Type.Actions.Single(a => a.Name == action).Parse([]), CancellationToken.None);

        public Task<StoredCredential?> StoredAsync() => Credentials.GetStoredCredentialAsync(harness.Workspace.Id, harness.ConnectorId, CancellationToken.None);
    }
}
