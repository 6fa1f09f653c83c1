using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>Wall-clock time in a time zone to an instant, refusing times a DST change skips.</summary>
internal static class ZonedTime
{
    /// <summary>
    /// The instant of <paramref name="local"/> in <paramref name="zone"/>. A time in a DST gap (e.g. 02:30 on the night
    /// clocks go forward) is a validation error; a time that occurs twice (clocks go back) is its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(string field, DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            throw new ConnectorValidationException(field, $"{local:yyyy-MM-dd'T'HH:mm:ss} does not exist in {zone.Id} (the clocks skip it for daylight saving time).");
        }

        return new DateTimeOffset(local, FirstOffset(local, zone));
    }

    /// <summary>The offset of the first occurrence of a valid local time (the larger offset when it is ambiguous).</summary>
    public static TimeSpan FirstOffset(DateTime local, TimeZoneInfo zone) =>
        zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
}
