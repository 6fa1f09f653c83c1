namespace Connectors.Mcp.Sandbox.Google;

/// <summary>
/// A one-shot failure for the next request to an endpoint. By default (<see cref="FakeFaultKind.Answer"/>) it answers
/// <see cref="StatusCode"/> with Google's error body (and <c>Retry-After</c> when given) and has no other effect; the other
/// <see cref="Kind"/>s drop the connection before or after the fake acted, answer an error after it acted, or answer late.
/// </summary>
public sealed record FakeFault(int StatusCode, TimeSpan? RetryAfter = null, DateTimeOffset? RetryAfterDate = null, string? Reason = null)
{
    public FakeFaultKind Kind { get; init; } = FakeFaultKind.Answer;

    /// <summary>For <see cref="FakeFaultKind.Slow"/>: how long the fake waits before it handles the request.</summary>
    public TimeSpan Delay { get; init; }

    public static FakeFault Unavailable() => new(503);

    public static FakeFault RateLimited(TimeSpan retryAfter) => new(429, retryAfter);

    /// <summary>429 with <c>Retry-After</c> as an HTTP date.</summary>
    public static FakeFault RateLimitedUntil(DateTimeOffset retryAt) => new(429, RetryAfterDate: retryAt);

    /// <summary>The connection is aborted after the request was read, before the fake applied it: nothing happened.</summary>
    public static FakeFault DropBeforeActing() => new(0) { Kind = FakeFaultKind.DropBeforeActing };

    /// <summary>The fake applies the request (the message is sent, the event created), then aborts the connection without answering.</summary>
    public static FakeFault DropAfterActing() => new(0) { Kind = FakeFaultKind.DropAfterActing };

    /// <summary>The request takes effect, then the answer is a 503: an ambiguous failure for the client.</summary>
    public static FakeFault ActThenUnavailable() => new(503) { Kind = FakeFaultKind.AnswerAfterActing };

    /// <summary>The request takes effect, then the connection is dropped without an answer (same as <see cref="DropAfterActing"/>).</summary>
    public static FakeFault ActThenDropConnection() => DropAfterActing();

    /// <summary>The fake waits <paramref name="delay"/> (or until the client gives up) before it handles the request.</summary>
    public static FakeFault Slow(TimeSpan delay) => new(0) { Kind = FakeFaultKind.Slow, Delay = delay };
}
