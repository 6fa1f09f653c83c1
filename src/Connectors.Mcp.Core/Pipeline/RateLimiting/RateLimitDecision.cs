namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>Whether a call may proceed; when refused, which bucket refused it and when a token is due.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan? RetryAfter, RateLimitScope? RefusedBy = null);
