using System.Globalization;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>
/// RFC 3339 timestamps and dates as the Calendar actions accept and return them. The JSON Schema patterns (JSON-escaped)
/// end with <c>(?![\s\S])</c> because .NET's <c>$</c> also matches before a final newline; the same checks run here
/// before a value reaches a request.
/// </summary>
internal static partial class Rfc3339
{
    /// <summary>A date-time with its UTC offset: <c>2026-03-02T15:00:00Z</c>, <c>2026-03-02T10:00:00-05:00</c>.</summary>
    public const string InstantPattern = """^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})(?![\\s\\S])""";

    /// <summary>A date-time with or without its offset: <c>2026-03-02T10:00:00</c> is wall-clock time in a given time zone.</summary>
    public const string DateTimePattern = """^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?(?![\\s\\S])""";

    /// <summary>A calendar date: <c>2026-03-02</c>.</summary>
    public const string DatePattern = """^\\d{4}-\\d{2}-\\d{2}(?![\\s\\S])""";

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>An instant; the offset is required.</summary>
    public static DateTimeOffset ParseInstant(string field, string value)
    {
        var local = ParseDateTime(field, value);
        return local.Offset is { } offset
            ? new DateTimeOffset(local.Local, offset)
            : throw new ConnectorValidationException(field, "needs a UTC offset, e.g. 2026-03-02T15:00:00Z or 2026-03-02T10:00:00-05:00.");
    }

    /// <summary>A wall-clock date-time and, when given, its offset.</summary>
    public static LocalDateTime ParseDateTime(string field, string value)
    {
        var match = DateTimeRegex().Match(value);
        if (!match.Success)
        {
            throw new ConnectorValidationException(field, "must be an RFC 3339 date-time such as 2026-03-02T10:00:00 or 2026-03-02T15:00:00Z.");
        }

        if (!DateTime.TryParseExact(match.Groups["local"].Value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new ConnectorValidationException(field, "is not a valid date and time.");
        }

        var zone = match.Groups["offset"].Value;
        TimeSpan? offset = zone switch
        {
            "" => null,
            "Z" => TimeSpan.Zero,
            _ => ParseOffset(field, zone),
        };
        return new LocalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    public static DateOnly ParseDate(string field, string value) =>
        DateRegex().IsMatch(value) && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ConnectorValidationException(field, "must be a date such as 2026-03-02.");

    /// <summary><c>2026-03-02T15:00:00Z</c>: how instants are sent to Google.</summary>
    public static string FormatUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>2026-03-02T10:00:00-05:00</c>: the instant as wall-clock time in <paramref name="zone"/>, with its offset.</summary>
    public static string FormatIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        FormatWithOffset(TimeZoneInfo.ConvertTime(instant, zone));

    public static string FormatWithOffset(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads a timestamp from Google (always with an offset); null when absent or unreadable.</summary>
    public static DateTimeOffset? TryParseFromGoogle(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    private static TimeSpan ParseOffset(string field, string zone)
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

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();
}
