using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Google;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bench.Load;

/// <summary>
/// A product home (database + master key) seeded through the product's own stores (<see cref="AppServices"/>):
/// workspaces with API keys and rate limits raised out of the way, Gmail connectors pointed at an upstream this
/// process hosts, and their tokens. Filler workspaces for the large-database case are bulk-inserted with plain SQL
/// in one transaction (the store commits each one synced, which takes minutes for 10,000).
/// </summary>
public sealed class ProductHome
{
    private readonly Dictionary<string, string> _keys = [];

    private readonly string? _postgres;

    private ProductHome(string directory, string? postgres)
    {
        Directory = directory;
        _postgres = postgres;
    }

    public string Directory { get; }

    public string KeyOf(string slug) => _keys[slug];

    /// <param name="postgres">A PostgreSQL connection (<c>--database</c>) instead of the home's SQLite file; the home then
    /// holds only the master key every instance shares.</param>
    public static ProductHome Create(string directory, string? postgres = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var key = Path.Combine(directory, "master.key");
        if (postgres is not null && !File.Exists(key))
        {
            // Instances on one database share one key; the product refuses to make one up for a database.
            File.WriteAllText(key, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new ProductHome(directory, postgres);
    }

    /// <summary>A workspace (enterprise plan, limits at the maximum) with <paramref name="connectors"/> Gmail connectors and an API key.</summary>
    public async Task AddWorkspaceAsync(string slug, int connectors, FakeGoogleServer google, Uri apiBaseUrl)
    {
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(Directory, sandbox: false).WithPostgres(_postgres), CancellationToken.None);
        var workspaces = services.GetRequiredService<IWorkspaceStore>();
        var connectorStore = services.GetRequiredService<IConnectorStore>();
        var credentials = services.GetRequiredService<ICredentialStore>();
        await credentials.SetOAuthClientAsync(new OAuthClientCredentials("google", google.ClientId, google.ClientSecret), CancellationToken.None);

        var workspace = await workspaces.CreateAsync(slug, WorkspacePlan.Enterprise, CancellationToken.None);
        await workspaces.SetRateLimitsAsync(workspace.Id, new RateLimitOverrides(PlanLimits.MaxCallsPerMinute, PlanLimits.MaxCallsPerMinute), OperatorActor.Server, CancellationToken.None);
        var settings = new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = apiBaseUrl.ToString(),
            [ConnectorSettings.TokenUrl] = google.TokenUrl.ToString(),
            [ConnectorSettings.AuthUrl] = google.AuthUrl.ToString(),
            [ConnectorSettings.RevokeUrl] = google.RevokeUrl.ToString(),
        };
        for (var i = 1; i <= connectors; i++)
        {
            var connector = await connectorStore.AddAsync(workspace.Id, "gmail", connectors == 1 ? "gmail" : $"gmail_{i:D2}", settings, CancellationToken.None);
            var grant = google.IssueTokens(FakeGoogleServer.SandboxRefreshToken);
            await credentials.SaveTokensAsync(workspace.Id, connector.Id, new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope), CancellationToken.None);
        }

        _keys[slug] = (await workspaces.CreateApiKeyAsync(workspace.Id, "bench", ToolScope.Full, OperatorActor.Server, CancellationToken.None)).Secret;
    }

    /// <summary>Adds empty workspaces until the database holds <paramref name="total"/>, copying a seeded workspace's row shape.</summary>
    public async Task FillWorkspacesAsync(int total)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, "connectors.db")}");
        await connection.OpenAsync();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM workspaces;";
        var existing = (long)(await count.ExecuteScalarAsync())!;
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO workspaces (id, slug, plan, catalog_version, created_at) SELECT $id, $slug, 'pro', 0, created_at FROM workspaces LIMIT 1;";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var slug = insert.Parameters.Add("$slug", SqliteType.Text);
        for (var i = existing; i < total; i++)
        {
            id.Value = $"ws_{i:D24}";
            slug.Value = $"filler-{i:D6}";
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
