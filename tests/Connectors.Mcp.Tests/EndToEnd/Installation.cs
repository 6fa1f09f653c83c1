using System.Text.Json.Nodes;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Tests.Commands;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// What an end-to-end test installs before starting the server: a temp home (SQLite file and master.key), a fake
/// Google started in the test process (so the test sees what reached "Google", revokes grants, expires tokens), and
/// workspaces, connectors and keys set up with the real CLI on that home.
/// </summary>
public sealed class Installation : IAsyncDisposable
{
    private readonly TestHome _home = new();
    private bool _oauthClientSet;

    private Installation(FakeGoogleServer google)
    {
        Google = google;
        Cli = new InProcessCli(_home.Path);
    }

    public string Home => _home.Path;

    public FakeGoogleServer Google { get; }

    public InProcessCli Cli { get; }

    public string DatabasePath => Path.Combine(Home, "connectors.db");

    public static async Task<Installation> CreateAsync(FakeGoogleServerOptions? options = null)
    {
        var google = new FakeGoogleServer(options);
        await google.StartAsync().WaitAsync(Bounded.Startup);
        return new Installation(google);
    }

    public Task CreateWorkspaceAsync(string slug, string plan = "pro") => Cli.RunOkAsync("workspace", "create", slug, "--plan", plan);

    /// <summary><c>apikey create SLUG</c>: the key printed alone on stdout.</summary>
    public async Task<string> CreateApiKeyAsync(string slug) => (await Cli.RunOkAsync("apikey", "create", slug)).Stdout.Trim();

    /// <summary>
    /// A Gmail connector pointed at the fake (api_base_url, token_url, auth_url, revoke_url), the fake's OAuth client, and tokens
    /// minted by the fake for a new grant — all through the CLI, as the README tells a user to do it.
    /// </summary>
    public async Task<GmailConnectorSetup> AddGmailAsync(string slug, string name = "gmail")
    {
        if (!_oauthClientSet)
        {
            await Cli.RunOkAsync("oauth-client", "set", "google", "--client-id", FakeGoogleServer.SandboxClientId, "--client-secret", FakeGoogleServer.SandboxClientSecret);
            _oauthClientSet = true;
        }

        var add = await Cli.RunOkAsync("connector", "add", slug, "gmail", "--name", name,
            "--setting", $"api_base_url={Google.BaseUrl}",
            "--setting", $"token_url={Google.TokenUrl}",
            "--setting", $"auth_url={Google.AuthUrl}",
            "--setting", $"revoke_url={Google.RevokeUrl}");
        var connectorId = add.Stdout.Trim();

        var grant = Google.IssueTokens();
        var expiresIn = Math.Max(1, (int)(grant.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds);
        await Cli.RunOkAsync("connector", "set-token", connectorId, "--access-token", grant.AccessToken, "--refresh-token", grant.RefreshToken, "--expires-in", expiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new GmailConnectorSetup(slug, connectorId, name, grant);
    }

    /// <summary><c>audit list SLUG --json</c>: one object per row, newest first, and the raw output (for leak checks).</summary>
    public async Task<(JsonObject[] Rows, CliResult Raw)> AuditAsync(string slug)
    {
        var result = await Cli.RunOkAsync("audit", "list", slug, "--json", "--limit", "1000");
        return (CliHarness.JsonLines(result), result);
    }

    /// <summary>The connector's tokens as stored now (decrypted with the home's master key), e.g. after a refresh.</summary>
    public async Task<OAuthTokens?> StoredTokensAsync(string connectorId)
    {
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(Home, sandbox: false), CancellationToken.None);
        var connector = await services.GetRequiredService<IConnectorStore>().FindAsync(connectorId, CancellationToken.None)
            ?? throw new InvalidOperationException($"No connector {connectorId}.");
        return await services.GetRequiredService<ICredentialStore>().GetTokensAsync(connector.WorkspaceId, connector.Id, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Google.DisposeAsync();
        _home.Dispose();
    }
}
