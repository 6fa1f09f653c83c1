using System.Globalization;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>
/// When a meeting starts: <c>start_time</c> as wall-clock time in the IANA <c>timezone</c> (default UTC) or with its
/// own offset. Zoom gets the instant in UTC (<c>…Z</c>) plus the zone it shows the meeting in.
/// </summary>
internal sealed partial record MeetingTime(DateTimeOffset Start, TimeZoneInfo Zone)
{
    /// <summary>JSON-escaped schema pattern: <c>2026-12-03T16:00:00</c>, optionally with <c>Z</c> or an offset.</summary>
    public const string Pattern = """^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})?(?![\\s\\S])""";

    /// <summary>JSON-escaped schema pattern of an IANA zone id.</summary>
    public const string ZonePattern = """^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}(?![\\s\\S])""";

    public static MeetingTime Parse(string field, string value, string? zoneId)
    {
        var zone = zoneId is null ? TimeZoneInfo.Utc : ResolveZone("timezone", zoneId);
        var match = TimeRegex().Match(value);
        if (!match.Success || !DateTime.TryParseExact(match.Groups["local"].Value, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new ConnectorValidationException(field, "must be a date-time such as 2026-12-03T16:00:00 (in timezone) or 2026-12-03T15:00:00Z.");
        }

        var offsetText = match.Groups["offset"].Value;
        if (offsetText.Length > 0)
        {
            var offset = offsetText == "Z" ? TimeSpan.Zero : ParseOffset(field, offsetText);
            return new MeetingTime(new DateTimeOffset(local, offset), zone);
        }

        if (zone.IsInvalidTime(local))
        {
            throw new ConnectorValidationException(field, $"{local:yyyy-MM-dd'T'HH:mm:ss} does not exist in {zone.Id} (the clocks skip it for daylight saving time).");
        }

        var first = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new MeetingTime(new DateTimeOffset(local, first), zone);
    }

    /// <summary>An IANA zone this machine knows (Windows names are refused: Zoom takes IANA ids).</summary>
    public static TimeZoneInfo ResolveZone(string field, string id)
    {
        if (id.Length > 64 || !ZoneRegex().IsMatch(id))
        {
            throw new ConnectorValidationException(field, "must be an IANA time zone id such as Europe/Berlin, America/New_York or UTC.");
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId ? zone : throw new ConnectorValidationException(field, $"'{id}' is not an IANA time zone id.");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ConnectorValidationException(field, $"'{id}' is not a known IANA time zone id.");
        }
    }

    /// <summary>The zone Zoom reported for a meeting, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? TryZone(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !ZoneRegex().IsMatch(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>What Zoom's <c>start_time</c> gets: the instant in UTC.</summary>
    public string Utc => FormatUtc(Start);

    public static string FormatUtc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>2026-12-03T16:00:00+01:00</c>: the instant as wall-clock time in <paramref name="zone"/>.</summary>
    public static string FormatIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>For an approval summary: <c>Thu 3 Dec 2026, 16:00–16:30 (Europe/Berlin, UTC+01:00; 30 min)</c>.</summary>
    public string Describe(int? durationMinutes)
    {
        var start = TimeZoneInfo.ConvertTime(Start, Zone);
        var text = start.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        if (durationMinutes is { } minutes)
        {
            var end = start.AddMinutes(minutes);
            text += "–" + end.ToString(end.Date == start.Date ? "HH:mm" : "ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        }

        var offset = start.ToString("zzz", CultureInfo.InvariantCulture);
        return durationMinutes is { } d
            ? $"{text} ({Zone.Id}, UTC{offset}; {d} min)"
            : $"{text} ({Zone.Id}, UTC{offset})";
    }

    private static TimeSpan ParseOffset(string field, string text)
    {
        var hours = int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            throw new ConnectorValidationException(field, $"has an invalid UTC offset '{text}'.");
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)(?<offset>Z|[+-]\d{2}:\d{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneRegex();
}
