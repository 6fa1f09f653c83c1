using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Calendar.Parsing;

/// <summary>
/// A time zone named by the agent: an IANA id (<c>Europe/Berlin</c>) or, where Graph allows it, a Windows name
/// (<c>W. Europe Standard Time</c>). The name goes into a <c>Prefer</c> header or a Graph body, so it is checked
/// against a closed character set (no quote, no line break) and must resolve on this machine.
/// </summary>
internal static partial class CalendarTimeZone
{
    public const int MaxLength = 64;

    /// <summary>IANA only (JSON-escaped schema pattern), for event times.</summary>
    public const string IanaPattern = """^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}(?![\\s\\S])""";

    /// <summary>IANA or Windows (JSON-escaped schema pattern), for list_events' Prefer header.</summary>
    public const string AnyPattern = """^[A-Za-z][A-Za-z0-9 ._+/()-]*(?![\\s\\S])""";

    /// <summary>An IANA zone, refusing Windows names (event times keep an IANA zone, as Google Calendar's do).</summary>
    public static TimeZoneInfo ResolveIana(string field, string id)
    {
        if (!IanaRegex().IsMatch(id))
        {
            throw Unknown(field, id, "an IANA time zone id such as Europe/Berlin, America/New_York or UTC");
        }

        var zone = Find(id) ?? throw Unknown(field, id, "an IANA time zone id such as Europe/Berlin, America/New_York or UTC");
        return zone.HasIanaId ? zone : throw Unknown(field, id, "an IANA time zone id such as Europe/Berlin, America/New_York or UTC");
    }

    /// <summary>An IANA id or a Windows time zone name; the name is kept as given (it is what Graph is asked for).</summary>
    public static (string Name, TimeZoneInfo Zone) ResolveAny(string field, string id)
    {
        if (!AnyRegex().IsMatch(id))
        {
            throw Unknown(field, id, "an IANA time zone id (Europe/Berlin) or a Windows time zone name (W. Europe Standard Time)");
        }

        return Find(id) is { } zone
            ? (id, zone)
            : throw Unknown(field, id, "an IANA time zone id (Europe/Berlin) or a Windows time zone name (W. Europe Standard Time)");
    }

    /// <summary>The zone Graph wrote in a <c>dateTimeTimeZone</c>, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? TryFind(string? id) => string.IsNullOrEmpty(id) || id.Length > MaxLength ? null : Find(id);

    private static TimeZoneInfo? Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static ConnectorValidationException Unknown(string field, string id, string expected) =>
        new(field, $"'{(id.Length > MaxLength ? id[..MaxLength] + "…" : id)}' is not {expected}.");

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}\z")]
    private static partial Regex IanaRegex();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9 ._+/()-]{0,63}\z")]
    private static partial Regex AnyRegex();
}
