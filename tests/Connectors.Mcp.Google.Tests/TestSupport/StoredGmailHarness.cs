using System.Security.Cryptography;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Google.Gmail;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Mcp.Google.Tests.TestSupport;

/// <summary>
/// The real Gmail connector on the real credential protocol: a temp SQLite file holding workspace <c>acme</c> and its
/// Gmail connector (tokens minted by a started <see cref="FakeGoogleServer"/>), and one or more "processes" on that file
/// (<see cref="StartProcess"/>), each with its own stores and refresh coordinator. Real HTTP to the fake.
/// </summary>
internal sealed class StoredGmailHarness : IAsyncDisposable
{
    private readonly SocketsHttpHandler _pool = new();
    private readonly List<SqliteDatabase> _databases = [];
    private readonly SecretProtector _protector = new(RandomNumberGenerator.GetBytes(32));
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "connectors-mcp-google-tests", Guid.NewGuid().ToString("N"));

    private StoredGmailHarness(FakeGoogleServer server, TimeProvider time)
    {
        Server = server;
        Time = time;
    }

    public FakeGoogleServer Server { get; }

    public TimeProvider Time { get; }

    public GmailConnectorType Type { get; } = new();

    public Workspace Workspace { get; private set; } = null!;

    public string ConnectorId { get; private set; } = null!;

    public FakeTokenGrant Grant { get; private set; } = null!;

    public OAuthClientCredentials OAuthClient { get; } = new("google", FakeGoogleServer.SandboxClientId, FakeGoogleServer.SandboxClientSecret);

    /// <summary>The first process (the one that set the connector up).</summary>
    public StoredProcess Main { get; private set; } = null!;

    /// <summary>Runs before every request the connectors send (tests observe or interfere at that moment).</summary>
    public Func<HttpRequestMessage, Task>? BeforeSend { get; set; }

    private string DatabasePath => Path.Combine(_folder, "connectors.db");

    /// <param name="storedExpiresIn">Lifetime of the stored access token from now (inside 5 minutes: refreshed before the first call).</param>
    public static async Task<StoredGmailHarness> StartAsync(
        TimeProvider time, TimeSpan storedExpiresIn, bool rotateRefreshTokens = false, TimeSpan? tokenDelay = null, CredentialRefreshOptions? refreshOptions = null)
    {
        var server = new FakeGoogleServer(new FakeGoogleServerOptions
        {
            Time = time,
            RotateRefreshTokens = rotateRefreshTokens,
            TokenResponseDelay = tokenDelay ?? TimeSpan.Zero,
        });
        await server.StartAsync();
        var harness = new StoredGmailHarness(server, time);
        await harness.SetUpAsync(storedExpiresIn, refreshOptions);
        return harness;
    }

    /// <summary>Another process on the same database file.</summary>
    public StoredProcess StartProcess(CredentialRefreshOptions? refreshOptions = null)
    {
        var database = new SqliteDatabase(DatabasePath, Time);
        _databases.Add(database);
        return new StoredProcess(
            this,
            new SqliteConnectorStore(database, Time),
            new SqliteCredentialStore(database, Time, _protector),
            new CredentialRefreshCoordinator(Time, null, refreshOptions));
    }

    public ConnectorContext CreateContext(IConnectorCredentials credentials, OAuthClientCredentials? client) => new()
    {
        WorkspaceId = Workspace.Id,
        ConnectorId = ConnectorId,
        ConnectorName = "gmail",
        Settings = new ConnectorSettings(new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = Server.BaseUrl.AbsoluteUri,
            [ConnectorSettings.TokenUrl] = Server.TokenUrl.AbsoluteUri,
            [ConnectorSettings.AuthUrl] = Server.AuthUrl.AbsoluteUri,
        }),
        Credentials = credentials,
        OAuthClient = client,
        Time = Time,
        LoggerFactory = NullLoggerFactory.Instance,
        HttpHandlerFactory = () => new ObservingHandler(_pool, request => BeforeSend?.Invoke(request) ?? Task.CompletedTask),
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

    private async Task SetUpAsync(TimeSpan storedExpiresIn, CredentialRefreshOptions? refreshOptions)
    {
        Main = StartProcess(refreshOptions);
        await _databases[0].MigrateAsync(CancellationToken.None);
        await Main.Connectors.UpsertDefinitionsAsync(
            [new ConnectorDefinitionRecord("gmail", "Gmail", "google", "Mail", Type.Scopes, Type.Actions.Select(a => a.Name).ToList())],
            CancellationToken.None);
        Workspace = await new SqliteWorkspaceStore(_databases[0], Time).CreateAsync("acme", WorkspacePlan.Pro, CancellationToken.None);
        ConnectorId = (await Main.Connectors.AddAsync(Workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), CancellationToken.None)).Id;
        Grant = Server.IssueTokens();
        await Main.Credentials.SaveTokensAsync(
            Workspace.Id, ConnectorId, new OAuthTokens(Grant.AccessToken, Grant.RefreshToken, Time.GetUtcNow() + storedExpiresIn, Grant.Scope), CancellationToken.None);
    }
}
