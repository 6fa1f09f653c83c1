namespace Connectors.Mcp.Sandbox.Google;

/// <summary>
/// A one-shot failure: the next request to an endpoint answers <see cref="StatusCode"/> with Google's error body
/// (and <c>Retry-After</c> when given) and has no other effect.
/// </summary>
public sealed record FakeFault(int StatusCode, TimeSpan? RetryAfter = null, DateTimeOffset? RetryAfterDate = null, string? Reason = null)
{
    public static FakeFault Unavailable() => new(503);

    public static FakeFault RateLimited(TimeSpan retryAfter) => new(429, retryAfter);
}
