using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// Zoom in the sandbox: <see cref="FakeZoomServer"/> (OAuth with rotating refresh tokens and S2S, meetings, the daily
/// limit) and one demo connector of type <c>zoom</c> named <c>zoom</c>, in user OAuth mode: its settings point
/// <c>api_base_url</c>, <c>token_url</c> and <c>auth_url</c> at the fake, the fake's General app is stored as the
/// <c>zoom</c> OAuth client, and each start stores a fresh grant (the fake's clients and tokens are random per start).
/// </summary>
public sealed class ZoomSandboxFamily(TimeProvider time, int port = 0) : ISandboxFamily
{
    /// <summary>The provider key and the demo connector's type and name.</summary>
    public const string ConnectorName = "zoom";

    public string Provider => "zoom";

    public IReadOnlyList<SandboxConnector> Connectors { get; } = [new("zoom", ConnectorName)];

    /// <summary>The fake, for tests that look at what reached "Zoom" (and for its S2S app's credentials).</summary>
    public FakeZoomServer Server { get; } = new(new FakeZoomServerOptions { Time = time });

    public OAuthClientCredentials Client => new(Provider, Server.ClientId, Server.ClientSecret);

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [ConnectorSettings.ApiBaseUrl] = Server.ApiBaseUrl.ToString(),
        [ConnectorSettings.TokenUrl] = Server.TokenUrl.ToString(),
        [ConnectorSettings.AuthUrl] = Server.AuthUrl.ToString(),
    };

    public Task StartAsync(CancellationToken cancellationToken) => Server.StartAsync(port, cancellationToken);

    public OAuthTokens IssueTokens()
    {
        var grant = Server.IssueTokens();
        return new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
