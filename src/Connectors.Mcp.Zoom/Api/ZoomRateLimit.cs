using System.Globalization;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Zoom.Api;

/// <summary>
/// Zoom's 429s. A per-second / QPS limit comes with <c>Retry-After</c> (seconds, an HTTP date or an ISO time) and is
/// reported with that wait (the resilience pipeline already retried a read whose wait was short). The per-user daily
/// limit on creating and updating meetings (100 a day, reset at 00:00 UTC) may come with neither <c>Retry-After</c> nor
/// <c>X-RateLimit-Type</c>: it is recognised by the header or by the body's message, never retried, and reported with
/// the wait until the next 00:00 UTC.
/// </summary>
internal static class ZoomRateLimit
{
    public const string TypeHeader = "X-RateLimit-Type";

    public static RateLimitedException Map(HttpResponseMessage response, ZoomErrorBody error, DateTimeOffset now)
    {
        var type = Header(response, TypeHeader);
        var retryAfter = RetryAfter(response, now);
        if (IsDaily(type, error.Message))
        {
            var reset = NextUtcMidnight(now);
            var wait = retryAfter is { } w && w > TimeSpan.Zero ? w : reset - now;
            var resetsAt = (now + wait).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return new RateLimitedException(
                $"Zoom's daily limit on creating and updating meetings for this user is used up ({error.Describe()}). It resets at {resetsAt} " +
                $"(00:00 UTC, in {Hours(wait)}); do not retry before then. Reading, listing and deleting meetings still work.",
                wait);
        }

        var when = retryAfter is { } after ? $"Retry after {Math.Ceiling(after.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds." : "Retry in a few seconds.";
        return new RateLimitedException($"Zoom is rate limiting this connector (HTTP 429{(type is null ? "" : $", {Clean(type)}")}, {error.Describe()}). {when}", retryAfter ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>The daily limit: <c>X-RateLimit-Type: Daily-limit</c>, or a message that speaks of a daily limit.</summary>
    public static bool IsDaily(string? type, string? message) =>
        (type is not null && type.Contains("daily", StringComparison.OrdinalIgnoreCase))
        || (message is not null && (message.Contains("daily", StringComparison.OrdinalIgnoreCase) || message.Contains("try again tomorrow", StringComparison.OrdinalIgnoreCase)));

    public static DateTimeOffset NextUtcMidnight(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    /// <summary><c>Retry-After</c> as seconds, an HTTP date or an ISO 8601 time (Zoom's daily limit), measured from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var value = Header(response, "Retry-After");
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, 7 * 24 * 3600));
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at))
        {
            var wait = at - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() is { Length: > 0 and <= 100 } v ? v.Trim() : null : null;

    private static string Clean(string text) => string.Concat(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    private static string Hours(TimeSpan wait) =>
        wait.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)wait.TotalHours} h {wait.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} min");
}
