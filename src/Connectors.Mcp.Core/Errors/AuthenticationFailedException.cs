using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Errors;

/// <summary>
/// The provider refused the credentials for a reason a retry may fix (e.g. token endpoint unavailable). With
/// <see cref="RetryAfter"/> the failure is transient and already backed off (the tokens are fine): it says when to try
/// again and does not count towards the connector's <c>error</c> status.
/// </summary>
public sealed class AuthenticationFailedException(string message, Exception? inner = null, TimeSpan? retryAfter = null) : ConnectorException(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public override string Code => AuditCodes.AuthenticationFailed;
}
