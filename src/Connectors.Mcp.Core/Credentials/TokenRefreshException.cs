namespace Connectors.Mcp.Core.Credentials;

/// <summary>
/// A token refresh that failed, in provider-neutral terms: the provider's refresh code throws it (wrapping the provider
/// exception) and <see cref="CredentialRefreshCoordinator"/> acts on <see cref="Failure"/> (back-off, lease release,
/// re-reading a newer token) before it reaches the connector, which turns it into a <see cref="Errors.ConnectorException"/>.
/// Its message never contains a token.
/// </summary>
public sealed class TokenRefreshException(TokenRefreshFailure failure, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TokenRefreshFailure Failure { get; } = failure;

    /// <summary>For <see cref="TokenRefreshFailure.Unavailable"/> and <see cref="TokenRefreshFailure.BackingOff"/>: when a refresh may be tried again.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
