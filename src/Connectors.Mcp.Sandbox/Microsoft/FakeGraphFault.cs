namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// A one-shot failure for the next request to an endpoint of the fake (mail, calendar or the token endpoint): answers
/// <see cref="StatusCode"/> with Graph's error body (<c>{"error":{"code","message"}}</c>, or the identity platform's at the
/// token endpoint) and <c>Retry-After</c> — in seconds (<see cref="RetryAfter"/>) or as an HTTP date
/// (<see cref="RetryAt"/>) — when given. A fault <see cref="AfterApplying"/> lets the write take effect first and then
/// fails its answer (the status, or a dropped connection with <see cref="DropConnection"/>): the ambiguous outcome of a
/// real outage.
/// </summary>
public sealed record FakeGraphFault(int StatusCode, TimeSpan? RetryAfter = null)
{
    /// <summary>The request takes effect (e.g. the message is sent) before the failure is answered.</summary>
    public bool AfterApplying { get; init; }

    /// <summary>No HTTP answer at all: the connection is aborted.</summary>
    public bool DropConnection { get; init; }

    /// <summary><c>Retry-After</c> as an HTTP date (RFC 9110's IMF-fixdate) instead of seconds.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Acts (sends, moves, creates), then answers <paramref name="statusCode"/> instead of the result.</summary>
    public static FakeGraphFault ActThenAnswer(int statusCode) => new(statusCode) { AfterApplying = true };

    /// <summary>Acts (sends, moves, creates), then answers 503.</summary>
    public static FakeGraphFault ActThenUnavailable() => ActThenAnswer(503);

    /// <summary>Acts (sends, moves, creates), then drops the connection without an answer.</summary>
    public static FakeGraphFault ActThenDropConnection() => new(0) { AfterApplying = true, DropConnection = true };

    /// <summary>Drops the connection before anything is applied.</summary>
    public static FakeGraphFault DropBeforeActing() => new(0) { DropConnection = true };

    public static FakeGraphFault Throttled(TimeSpan retryAfter) => new(429, retryAfter);

    /// <summary>429 with <c>Retry-After: &lt;HTTP date&gt;</c>.</summary>
    public static FakeGraphFault ThrottledUntil(DateTimeOffset retryAt) => new(429) { RetryAt = retryAt };

    public static FakeGraphFault Unavailable() => new(503);
}
