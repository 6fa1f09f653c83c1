using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Google in the sandbox: <see cref="FakeGoogleServer"/> (OAuth, Gmail, Calendar), a Gmail and a Google Calendar connector.</summary>
public sealed class GoogleSandboxFamily(TimeProvider time, int port = 0) : ISandboxFamily
{
    public const string GmailConnectorName = "gmail";
    public const string CalendarConnectorName = "google_calendar";

    public string Provider => "google";

    public IReadOnlyList<SandboxConnector> Connectors { get; } =
    [
        new("gmail", GmailConnectorName),
        new("google_calendar", CalendarConnectorName),
    ];

    /// <summary>The fake, for tests that look at what reached "Google".</summary>
    public FakeGoogleServer Server { get; } = new(new FakeGoogleServerOptions { Time = time });

    public OAuthClientCredentials Client => new(Provider, Server.ClientId, Server.ClientSecret);

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [ConnectorSettings.ApiBaseUrl] = Server.BaseUrl.ToString(),
        [ConnectorSettings.TokenUrl] = Server.TokenUrl.ToString(),
        [ConnectorSettings.AuthUrl] = Server.AuthUrl.ToString(),
        [ConnectorSettings.RevokeUrl] = Server.RevokeUrl.ToString(),
    };

    public Task StartAsync(CancellationToken cancellationToken) => Server.StartAsync(port, cancellationToken);

    public OAuthTokens IssueTokens()
    {
        var grant = Server.IssueTokens(FakeGoogleServer.SandboxRefreshToken);
        return new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
