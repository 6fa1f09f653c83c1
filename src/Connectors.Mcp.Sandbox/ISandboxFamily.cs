using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Sandbox;

/// <summary>
/// What one provider family brings to <c>--sandbox</c>: its fake (a local server speaking the provider's real REST and
/// OAuth wire formats), the OAuth client that fake accepts, and its demo connectors with their settings pointed at the
/// fake. <see cref="SandboxEnvironment"/> composes the families in <see cref="SandboxFamilies"/>; it names none.
/// </summary>
public interface ISandboxFamily : IAsyncDisposable
{
    /// <summary>The provider key its connector types name (e.g. <c>google</c>).</summary>
    string Provider { get; }

    /// <summary>The demo connectors of workspace <c>demo</c>: type and name (the tool prefix).</summary>
    IReadOnlyList<SandboxConnector> Connectors { get; }

    /// <summary>Starts the fake on loopback (a random port, unless the family was given one).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>The OAuth client the started fake accepts.</summary>
    OAuthClientCredentials Client { get; }

    /// <summary>The settings that point a connector at the started fake (API, token, auth and revoke endpoints).</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A fresh grant from the started fake, for one demo connector.</summary>
    OAuthTokens IssueTokens();
}
