using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>
/// A started connect flow: the URL to send the person's browser to (the provider's consent screen), the <c>state</c>
/// it carries, and when that state expires.
/// </summary>
public sealed record OAuthAuthorizationRequest(
    ConnectorInstance Connector,
    string ProviderDisplayName,
    Uri AuthorizationUrl,
    Uri RedirectUri,
    string State,
    DateTimeOffset ExpiresAt)
{
    public override string ToString() =>
        $"OAuthAuthorizationRequest {{ ConnectorId = {Connector.Id}, RedirectUri = {RedirectUri}, State = ***, ExpiresAt = {ExpiresAt:O} }}";
}
