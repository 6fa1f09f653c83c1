namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// A one-shot failure for the next request to an endpoint: answers <see cref="StatusCode"/> with Graph's error body
/// (<c>{"error":{"code","message"}}</c>, or the identity platform's at the token endpoint) and <c>Retry-After</c> in
/// seconds when given.
/// </summary>
public sealed record FakeGraphFault(int StatusCode, TimeSpan? RetryAfter = null)
{
    public static FakeGraphFault Throttled(TimeSpan retryAfter) => new(429, retryAfter);

    public static FakeGraphFault Unavailable() => new(503);
}
