using Connectors.Mcp.Core.Credentials;

namespace Connectors.Mcp.Connectors.Auth;

/// <summary>
/// What <see cref="RefreshingAccessToken"/> needs of a provider: its name for messages ("Zoom"), its provider key for
/// the <c>oauth-client set</c> instruction, and its refresh_token grant (which throws <see cref="TokenRefreshException"/>
/// with a <see cref="TokenRefreshFailure"/> on failure).
/// </summary>
public sealed record RefreshingTokenProvider(
    string Name,
    string Key,
    Func<OAuthClientCredentials, OAuthTokens, CancellationToken, Task<OAuthTokens>> RefreshAsync);
