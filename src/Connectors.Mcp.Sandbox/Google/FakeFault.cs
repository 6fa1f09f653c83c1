namespace Connectors.Mcp.Sandbox.Google;

/// <summary>
/// A one-shot failure: the next request to an endpoint answers <see cref="StatusCode"/> with Google's error body
/// (and <c>Retry-After</c> when given) and has no other effect — unless <see cref="AfterActing"/>: then the fake carries
/// out the request first (the email is sent, the event created) and fails only the answer, as a provider does when it
/// acts and then its front end times out. With <see cref="DropConnection"/> the connection is aborted instead of answered.
/// </summary>
public sealed record FakeFault(int StatusCode, TimeSpan? RetryAfter = null, DateTimeOffset? RetryAfterDate = null, string? Reason = null, bool AfterActing = false, bool DropConnection = false)
{
    public static FakeFault Unavailable() => new(503);

    public static FakeFault RateLimited(TimeSpan retryAfter) => new(429, retryAfter);

    /// <summary>The request takes effect, then the answer is a 503: an ambiguous failure for the client.</summary>
    public static FakeFault ActThenUnavailable() => new(503, AfterActing: true);

    /// <summary>The request takes effect, then the connection is dropped without an answer.</summary>
    public static FakeFault ActThenDropConnection() => new(0, AfterActing: true, DropConnection: true);
}
