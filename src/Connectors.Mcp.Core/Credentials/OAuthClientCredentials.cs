namespace Connectors.Mcp.Core.Credentials;

/// <summary>An OAuth client registered with a provider. The secret is redacted from <see cref="ToString"/>.</summary>
public sealed record OAuthClientCredentials(string Provider, string ClientId, string? ClientSecret)
{
    public override string ToString() =>
        $"OAuthClientCredentials {{ Provider = {Provider}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "none" : "***")} }}";
}
