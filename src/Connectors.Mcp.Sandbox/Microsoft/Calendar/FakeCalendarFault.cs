namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>
/// A one-shot failure for the next request to a calendar endpoint (<see cref="FakeCalendarEndpoints"/>): an error status
/// with Graph's error body and <c>Retry-After</c> in seconds, or the connection dropped before or after the fake acted.
/// </summary>
public sealed record FakeCalendarFault(int StatusCode, TimeSpan? RetryAfter = null, FakeCalendarFaultKind Kind = FakeCalendarFaultKind.Answer)
{
    public static FakeCalendarFault Throttled(TimeSpan retryAfter) => new(429, retryAfter);

    public static FakeCalendarFault Unavailable() => new(503);

    /// <summary>The fake applies the request (e.g. creates the event), then aborts the connection without answering.</summary>
    public static FakeCalendarFault DropAfterActing() => new(0, null, FakeCalendarFaultKind.DropAfterActing);

    /// <summary>The connection is aborted before anything is applied.</summary>
    public static FakeCalendarFault DropBeforeActing() => new(0, null, FakeCalendarFaultKind.DropBeforeActing);

    /// <summary>The fake applies the request, then answers this status instead of the result (a 5xx after the body left).</summary>
    public static FakeCalendarFault AnswerAfterActing(int statusCode) => new(statusCode, null, FakeCalendarFaultKind.AnswerAfterActing);
}
