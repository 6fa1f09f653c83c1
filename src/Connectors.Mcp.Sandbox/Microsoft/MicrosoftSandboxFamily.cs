using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>Microsoft in the sandbox: <see cref="FakeMicrosoftServer"/> (identity platform, Graph mail) and an Outlook mail connector.</summary>
public sealed class MicrosoftSandboxFamily(TimeProvider time, int port = 0) : ISandboxFamily
{
    public const string OutlookMailConnectorName = "outlook_mail";

    public string Provider => "microsoft";

    public IReadOnlyList<SandboxConnector> Connectors { get; } =
    [
        new("outlook_mail", OutlookMailConnectorName),
        new("outlook_calendar", "outlook_calendar"),
    ];

    /// <summary>The fake, for tests that look at what reached "Microsoft".</summary>
    public FakeMicrosoftServer Server { get; } = new(time);

    public OAuthClientCredentials Client => new(Provider, Server.ClientId, Server.ClientSecret);

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [ConnectorSettings.ApiBaseUrl] = Server.GraphBaseUrl.ToString(),
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
