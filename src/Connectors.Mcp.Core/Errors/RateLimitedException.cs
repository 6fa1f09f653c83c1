using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Errors;

/// <summary>Too many calls, ours or the provider's. <see cref="RetryAfter"/> says when to try again.</summary>
public sealed class RateLimitedException(string message, TimeSpan? retryAfter, Exception? inner = null) : ConnectorException(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public override string Code => AuditCodes.RateLimited;
}
