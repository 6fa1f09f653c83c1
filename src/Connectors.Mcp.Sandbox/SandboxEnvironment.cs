using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Google;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Sandbox;

/// <summary>
/// What <c>--sandbox</c> adds: the provider fakes, started in-process on loopback, and workspace <c>demo</c> with a Gmail
/// and a Google Calendar connector pointed at them. It runs against the sandbox home only (HOME/sandbox), never a real
/// workspace's database.
/// Seeding is idempotent: each start rewrites the connectors' endpoints (the fake's port changes) and stores fresh tokens.
/// </summary>
public sealed class SandboxEnvironment : IAsyncDisposable
{
    public const string WorkspaceSlug = "demo";
    public const string GmailConnectorName = "gmail";
    public const string CalendarConnectorName = "google_calendar";

    private SandboxEnvironment(FakeGoogleServer google, Workspace workspace)
    {
        Google = google;
        Workspace = workspace;
    }

    public FakeGoogleServer Google { get; }

    public Workspace Workspace { get; }

    public static async Task<SandboxEnvironment> StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var google = new FakeGoogleServer(new FakeGoogleServerOptions { Time = services.GetRequiredService<TimeProvider>() });
        try
        {
            await google.StartAsync(cancellationToken);
            var workspace = await SeedAsync(services, google, cancellationToken);
            return new SandboxEnvironment(google, workspace);
        }
        catch
        {
            await google.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Google.DisposeAsync();

    private static async Task<Workspace> SeedAsync(IServiceProvider services, FakeGoogleServer google, CancellationToken cancellationToken)
    {
        var workspaces = services.GetRequiredService<IWorkspaceStore>();
        var connectors = services.GetRequiredService<IConnectorStore>();
        var credentials = services.GetRequiredService<ICredentialStore>();

        var workspace = await workspaces.FindBySlugAsync(WorkspaceSlug, cancellationToken)
            ?? await workspaces.CreateAsync(WorkspaceSlug, WorkspacePlan.Pro, cancellationToken);
        await credentials.SetOAuthClientAsync(new OAuthClientCredentials("google", google.ClientId, google.ClientSecret), cancellationToken);

        var settings = new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = google.BaseUrl.ToString(),
            [ConnectorSettings.TokenUrl] = google.TokenUrl.ToString(),
            [ConnectorSettings.AuthUrl] = google.AuthUrl.ToString(),
            [ConnectorSettings.RevokeUrl] = google.RevokeUrl.ToString(),
        };
        foreach (var (type, name) in new[] { ("gmail", GmailConnectorName), ("google_calendar", CalendarConnectorName) })
        {
            var existing = (await connectors.GetWorkspaceConnectorsAsync(workspace.Id, cancellationToken))
                .FirstOrDefault(c => c.Name == name && c.Type == type);
            var connector = existing ?? await connectors.AddAsync(workspace.Id, type, name, settings, cancellationToken);
            if (existing is not null)
            {
                await connectors.UpdateSettingsAsync(connector.Id, settings, cancellationToken);
            }

            var grant = google.IssueTokens(FakeGoogleServer.SandboxRefreshToken);
            await credentials.SaveTokensAsync(workspace.Id, connector.Id, new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope), cancellationToken);
        }

        return workspace;
    }
}
