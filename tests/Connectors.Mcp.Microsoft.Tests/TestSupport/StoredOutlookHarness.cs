using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Microsoft.Mail;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Mcp.Microsoft.Tests.TestSupport;

/// <summary>
/// The real Outlook mail connector on the real credential protocol: a temp SQLite file holding workspace <c>acme</c>
/// and its connector (tokens from a started <see cref="FakeMicrosoftServer"/>, which rotates refresh tokens), and
/// "processes" on that file (<see cref="StartProcess"/>), each with its own stores and refresh coordinator.
/// </summary>
internal sealed class StoredOutlookHarness : IAsyncDisposable
{
    private readonly SocketsHttpHandler _pool = new();
    private readonly List<SqliteDatabase> _databases = [];
    private readonly SecretProtector _protector = new(RandomNumberGenerator.GetBytes(32));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "connectors-mcp-microsoft-tests", Guid.NewGuid().ToString("N"));

    private StoredOutlookHarness(FakeMicrosoftServer server) => Server = server;

    public FakeMicrosoftServer Server { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    public OutlookMailConnectorType Type { get; } = new();

    public Workspace Workspace { get; private set; } = null!;

    public string ConnectorId { get; private set; } = null!;

    public FakeMicrosoftGrant Grant { get; private set; } = null!;

    public StoredOutlookProcess Main { get; private set; } = null!;

    private string DatabasePath => Path.Combine(_folder, "connectors.db");

    /// <summary>A connector whose stored access token expires within the refresh skew: the first call refreshes.</summary>
    public static async Task<StoredOutlookHarness> StartAsync()
    {
        var server = new FakeMicrosoftServer();
        await server.StartAsync();
        var harness = new StoredOutlookHarness(server);
        Directory.CreateDirectory(harness._folder);
        harness.Main = harness.StartProcess();
        await harness._databases[0].MigrateAsync(CancellationToken.None);
        await harness.Main.Connectors.UpsertDefinitionsAsync(
            [new ConnectorDefinitionRecord(harness.Type.Type, harness.Type.DisplayName, harness.Type.Provider, "Mail", harness.Type.Scopes, harness.Type.Actions.Select(a => a.Name).ToList())],
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
    public StoredOutlookProcess StartProcess()
    {
        var database = new SqliteDatabase(DatabasePath, Time);
        _databases.Add(database);
        return new StoredOutlookProcess(this, new SqliteConnectorStore(database, Time), new SqliteCredentialStore(database, Time, _protector), new CredentialRefreshCoordinator(Time));
    }

    public ConnectorContext CreateContext(IConnectorCredentials credentials) => new()
    {
        WorkspaceId = Workspace.Id,
        ConnectorId = ConnectorId,
        ConnectorName = Type.Type,
        Settings = new ConnectorSettings(new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = Server.GraphBaseUrl.AbsoluteUri,
            [ConnectorSettings.TokenUrl] = Server.TokenUrl.AbsoluteUri,
        }),
        Credentials = credentials,
        OAuthClient = new OAuthClientCredentials("microsoft", FakeMicrosoftServer.SandboxClientId, FakeMicrosoftServer.SandboxClientSecret),
        Time = Time,
        LoggerFactory = NullLoggerFactory.Instance,
        HttpHandlerFactory = () => new NonDisposingHandler(_pool),
    };

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
    internal sealed class StoredOutlookProcess(StoredOutlookHarness harness, SqliteConnectorStore connectors, SqliteCredentialStore credentials, CredentialRefreshCoordinator coordinator)
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
