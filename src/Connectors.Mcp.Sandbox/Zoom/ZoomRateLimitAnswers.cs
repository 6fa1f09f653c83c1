using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// Zoom's two 429s: the per-second limit (<c>X-RateLimit-Category</c>, <c>X-RateLimit-Type: QPS</c>, <c>Retry-After</c> in
/// seconds or as an HTTP date when armed so) and the per-user daily limit on meeting create/update, whose answer carries no
/// <c>Retry-After</c> and no <c>X-RateLimit-Type</c> unless the fake is configured to send them.
/// </summary>
internal static class ZoomRateLimitAnswers
{
    public static Task PerSecondAsync(HttpContext context, FakeZoomEndpoint endpoint, ZoomThrottle throttle)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Category"] = Category(endpoint);
        headers["X-RateLimit-Type"] = "QPS";
        headers["X-RateLimit-Limit"] = "30";
        headers["X-RateLimit-Remaining"] = "0";
        if (throttle.RetryAfter is { } wait)
        {
            headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (throttle.RetryAt is { } at)
        {
            headers.RetryAfter = at.ToString("r", CultureInfo.InvariantCulture);
        }

        return ZoomJson.ErrorAsync(context, StatusCodes.Status429TooManyRequests, 429,
            "You have reached the maximum per-second rate limit for this API. Try again later.");
    }

    public static Task DailyAsync(HttpContext context, FakeZoomServerOptions options, int limit, DateTimeOffset now)
    {
        var resetsAt = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
        var headers = context.Response.Headers;
        if (options.DailyLimitSendsRateLimitType)
        {
            headers["X-RateLimit-Category"] = "Medium";
            headers["X-RateLimit-Type"] = "Daily-limit";
            headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = "0";
        }

        switch (options.DailyLimitRetryAfter)
        {
            case FakeZoomRetryAfterFormat.HttpDate:
                headers.RetryAfter = resetsAt.ToString("r", CultureInfo.InvariantCulture);
                break;
            case FakeZoomRetryAfterFormat.IsoTime:
                headers.RetryAfter = ZoomStartTime.Format(resetsAt);
                break;
        }

        return ZoomJson.ErrorAsync(context, StatusCodes.Status429TooManyRequests, 429,
            $"You have exceeded the daily rate limit of ({limit}) for Create/Update meeting API requests for this user ({options.UserEmail}). Try again tomorrow.");
    }

    /// <summary>Zoom's rate-limit label per API (Create meeting and List meetings are Medium; the rest here are Light).</summary>
    private static string Category(FakeZoomEndpoint endpoint) =>
        endpoint is FakeZoomEndpoint.CreateMeeting or FakeZoomEndpoint.ListMeetings ? "Medium" : "Light";
}
