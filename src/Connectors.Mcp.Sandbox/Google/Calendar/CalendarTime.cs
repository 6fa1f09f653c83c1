using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>Reading and writing Calendar's time values: RFC 3339 instants, dates, and <c>{dateTime, timeZone}</c> / <c>{date}</c> objects.</summary>
internal static class CalendarTime
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>An RFC 3339 instant with offset, or null.</summary>
    public static DateTimeOffset? ParseInstant(string? value)
    {
        if (value is null || value.Length < 20 || !HasOffset(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
    }

    public static DateOnly? ParseDate(string? value) =>
        value is not null && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static DateTime? ParseLocal(string value) =>
        DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null;

    public static bool HasOffset(string value) =>
        value.EndsWith('Z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');

    /// <summary>A calendar's zone (UTC if its id is unknown).</summary>
    public static TimeZoneInfo ZoneOf(FakeCalendarInfo calendar) => Zone(calendar.TimeZone) ?? TimeZoneInfo.Utc;

    public static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId ? zone : null;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>As Google writes instants: wall-clock time in <paramref name="zone"/> with its offset, <c>Z</c> for UTC.</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.Offset == TimeSpan.Zero
            ? local.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant of a wall-clock time in a zone (a skipped time moves past the gap; a repeated one is its first occurrence).</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// The instant a <c>start</c>/<c>end</c> object stands for: a dateTime with offset, a dateTime without offset in its
    /// timeZone, or a date at midnight in <paramref name="calendarZone"/>. Null with an error message when it is invalid.
    /// </summary>
    public static (DateTimeOffset? Instant, string? Error) Read(JsonObject? time, TimeZoneInfo calendarZone, string which)
    {
        if (time is null)
        {
            return (null, $"Missing {which} time.");
        }

        var dateTime = Text(time, "dateTime");
        var date = Text(time, "date");
        var zoneId = Text(time, "timeZone");
        if (dateTime is not null && date is not null)
        {
            return (null, $"Invalid {which} time.");
        }

        var zone = zoneId is null ? null : Zone(zoneId);
        if (zoneId is not null && zone is null)
        {
            return (null, $"Invalid time zone definition for {which} time.");
        }

        if (dateTime is not null)
        {
            if (ParseInstant(dateTime) is { } instant)
            {
                return (instant, null);
            }

            if (ParseLocal(dateTime) is not { } local)
            {
                return (null, $"Invalid {which} time.");
            }

            return zone is null ? (null, $"Missing time zone definition for {which} time.") : (ToInstant(local, zone), null);
        }

        if (date is not null)
        {
            return ParseDate(date) is { } day
                ? (ToInstant(day.ToDateTime(TimeOnly.MinValue), calendarZone), null)
                : (null, $"Invalid {which} time.");
        }

        return (null, $"Missing {which} time.");
    }

    public static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
