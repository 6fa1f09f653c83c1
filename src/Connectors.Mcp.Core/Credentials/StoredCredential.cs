namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// A connector's stored tokens with what the refresh protocol needs: the row's <see cref="Version"/> (bumped by every
/// save, so a refresh can tell whether someone else refreshed first), the lifecycle <see cref="State"/>, and the end of
/// a token-endpoint back-off (<see cref="RefreshBlockedUntil"/>) that every process honours.
/// </summary>
public sealed record StoredCredential(OAuthTokens Tokens, long Version, CredentialState State, DateTimeOffset? RefreshBlockedUntil = null)
{
    public override string ToString() => $"StoredCredential {{ Tokens = {Tokens}, Version = {Version}, State = {State.ToName()}, RefreshBlockedUntil = {RefreshBlockedUntil:O} }}";
}
