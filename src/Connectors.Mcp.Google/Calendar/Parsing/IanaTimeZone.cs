using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>IANA time zone ids (<c>Europe/Berlin</c>, <c>America/New_York</c>, <c>UTC</c>), as Google Calendar uses them.</summary>
internal static class IanaTimeZone
{
    public const int MaxLength = 64;

    /// <summary>The shape of an IANA id (JSON-escaped); <see cref="Resolve"/> checks that the zone exists.</summary>
    public const string Pattern = """^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}(?![\\s\\S])""";

    /// <summary>The zone, or a validation error naming <paramref name="field"/>. Windows ids are refused: Google wants IANA.</summary>
    public static TimeZoneInfo Resolve(string field, string id)
    {
        if (id.Length is 0 or > MaxLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '+' or '-'))
        {
            throw Unknown(field, id);
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId ? zone : throw Unknown(field, id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw Unknown(field, id);
        }
        catch (InvalidTimeZoneException)
        {
            throw Unknown(field, id);
        }
    }

    /// <summary>The zone when <paramref name="id"/> is a known IANA id, else null (for ids that come back from Google).</summary>
    public static TimeZoneInfo? TryResolve(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
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

    private static ConnectorValidationException Unknown(string field, string id) =>
        new(field, $"'{(id.Length > MaxLength ? id[..MaxLength] + "…" : id)}' is not an IANA time zone id such as Europe/Berlin, America/New_York or UTC.");
}
