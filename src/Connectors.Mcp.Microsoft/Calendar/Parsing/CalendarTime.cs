using System.Globalization;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Errors;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Calendar.Parsing;

/// <summary>
/// RFC 3339 times as the calendar actions accept them, and Graph's <c>dateTimeTimeZone</c> (a wall-clock
/// <c>dateTime</c> without offset plus a <c>timeZone</c> name) in both directions. The schema patterns (JSON-escaped)
/// end with <c>(?![\s\S])</c> because .NET's <c>$</c> also matches before a final newline.
/// </summary>
internal static partial class CalendarTime
{
    /// <summary>A date-time with its UTC offset: <c>2026-03-02T15:00:00Z</c>, <c>2026-03-02T10:00:00-05:00</c>.</summary>
    public const string InstantPattern = """^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})(?![\\s\\S])""";

    /// <summary>A date-time with or without its offset: without, it is wall-clock time in the given time zone.</summary>
    public const string DateTimePattern = """^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?(?![\\s\\S])""";

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFF"];

    /// <summary>An instant; the offset is required.</summary>
    public static DateTimeOffset ParseInstant(string field, string value)
    {
        var (local, offset) = Parse(field, value);
        return offset is { } o
            ? new DateTimeOffset(local, o)
            : throw new ConnectorValidationException(field, "needs a UTC offset, e.g. 2026-03-02T15:00:00Z or 2026-03-02T10:00:00-05:00.");
    }

    /// <summary>
    /// An instant from a time with an offset, or from wall-clock time in <paramref name="zone"/>; a wall-clock time the
    /// clocks skip (DST gap) is refused, one that happens twice is its first occurrence.
    /// </summary>
    public static DateTimeOffset ParseZoned(string field, string value, TimeZoneInfo? zone)
    {
        var (local, offset) = Parse(field, value);
        if (offset is { } o)
        {
            return new DateTimeOffset(local, o);
        }

        if (zone is null)
        {
            throw new ConnectorValidationException(field, "has no UTC offset: give time_zone (an IANA id such as Europe/Berlin) or write the offset (…T10:00:00-05:00).");
        }

        if (zone.IsInvalidTime(local))
        {
            throw new ConnectorValidationException(field, $"{local:yyyy-MM-dd'T'HH:mm:ss} does not exist in {zone.Id} (the clocks skip it for daylight saving time).");
        }

        var first = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, first);
    }

    /// <summary><c>2026-03-02T10:00:00-05:00</c>: the instant as wall-clock time in <paramref name="zone"/>, with its offset.</summary>
    public static string FormatIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string FormatUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Graph's <c>dateTimeTimeZone</c> for an instant: wall-clock time in <paramref name="zone"/> and its name (UTC without a zone).</summary>
    public static DateTimeTimeZone ToGraph(DateTimeOffset instant, TimeZoneInfo? zone) => new()
    {
        DateTime = (zone is null ? instant.UtcDateTime : TimeZoneInfo.ConvertTime(instant, zone).DateTime).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        TimeZone = zone?.Id ?? "UTC",
    };

    /// <summary>The instant of a Graph <c>dateTimeTimeZone</c>, or null when its zone or time cannot be read.</summary>
    public static DateTimeOffset? FromGraph(DateTimeTimeZone? time, TimeZoneInfo? fallbackZone = null)
    {
        if (time?.DateTime is not { } text
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)
            || (CalendarTimeZone.TryFind(time.TimeZone) ?? fallbackZone) is not { } zone)
        {
            return null;
        }

        var local = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.IsInvalidTime(local) ? zone.BaseUtcOffset
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static (DateTime Local, TimeSpan? Offset) Parse(string field, string value)
    {
        var match = DateTimeRegex().Match(value);
        if (!match.Success || !DateTime.TryParseExact(match.Groups["local"].Value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new ConnectorValidationException(field, "must be an RFC 3339 date-time such as 2026-03-02T10:00:00 or 2026-03-02T15:00:00Z.");
        }

        var zone = match.Groups["offset"].Value;
        TimeSpan? offset = zone switch
        {
            "" => null,
            "Z" => TimeSpan.Zero,
            _ => Offset(field, zone),
        };
        return (DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private static TimeSpan Offset(string field, string zone)
    {
        var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59)
        {
            throw new ConnectorValidationException(field, $"has an invalid UTC offset '{zone}'.");
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return zone[0] == '-' ? -offset : offset;
    }

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?)(?<offset>Z|[+-]\d{2}:\d{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeRegex();
}
