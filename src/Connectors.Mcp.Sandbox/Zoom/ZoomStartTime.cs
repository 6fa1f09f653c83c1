using System.Globalization;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// Zoom's <c>start_time</c>: <c>yyyy-MM-ddTHH:mm:ssZ</c> is UTC; <c>yyyy-MM-ddTHH:mm:ss</c> is local time in the
/// meeting's <c>timezone</c> (or the host's). Zoom answers it in UTC with a <c>Z</c>.
/// </summary>
internal static class ZoomStartTime
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static bool IsKnownZone(string zone) => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);

    /// <summary>The instant <paramref name="raw"/> names, read in <paramref name="zone"/> when it has no <c>Z</c>; null when malformed or not a local time there.</summary>
    public static DateTimeOffset? Parse(string raw, string zone)
    {
        if (DateTime.TryParseExact(raw, UtcFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }

        if (!DateTime.TryParseExact(raw, LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz)
            || tz.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), tz), TimeSpan.Zero);
    }

    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);
}
