namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

public readonly record struct RateLimitDecision(bool Allowed, TimeSpan? RetryAfter);
