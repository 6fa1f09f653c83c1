using System.Globalization;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Calendar.Parsing;

/// <summary>
/// When a timed event happens: <c>start</c> and <c>end</c>, with offsets or as wall-clock times in the IANA
/// <c>time_zone</c>. Graph gets them as wall-clock times in that zone (the event keeps the zone), or in UTC when
/// only offsets were given.
/// </summary>
internal sealed record EventTiming(DateTimeOffset Start, DateTimeOffset End, TimeZoneInfo? Zone)
{
    /// <summary>The timing the arguments give, or null when they give none (allowed only when <paramref name="required"/> is false).</summary>
    public static EventTiming? Parse(ActionArguments arguments, bool required)
    {
        var start = arguments.OptionalString("start");
        var end = arguments.OptionalString("end");
        var zone = arguments.OptionalString("time_zone") is { } id ? CalendarTimeZone.ResolveIana("time_zone", id) : null;
        if (start is null && end is null)
        {
            if (zone is not null)
            {
                throw new ConnectorValidationException("time_zone", "applies to start and end; give them too.");
            }

            return required ? throw new ConnectorValidationException("start", "is required: give start and end (with time_zone).") : null;
        }

        var from = CalendarTime.ParseZoned("start", start ?? throw new ConnectorValidationException("start", "is required with end."), zone);
        var to = CalendarTime.ParseZoned("end", end ?? throw new ConnectorValidationException("end", "is required with start."), zone);
        return to > from ? new EventTiming(from, to, zone) : throw new ConnectorValidationException("end", "must be after start.");
    }

    /// <summary>A readable account of when, with the zone and its UTC offset, for the approval summary.</summary>
    public string Describe()
    {
        var zone = Zone ?? TimeZoneInfo.CreateCustomTimeZone("offset", Start.Offset, $"UTC{Start:zzz}", $"UTC{Start:zzz}");
        var start = TimeZoneInfo.ConvertTime(Start, zone);
        var end = TimeZoneInfo.ConvertTime(End, zone);
        var day = start.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
        var endText = end.Date == start.Date
            ? end.ToString("HH:mm", CultureInfo.InvariantCulture)
            : end.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
        var zoneText = Zone is null ? $"UTC{start:zzz}" : $"{Zone.Id}, UTC{start:zzz}";
        var span = End - Start;
        var duration = span.TotalMinutes < 60
            ? $"{span.TotalMinutes:0} min"
            : span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        return string.Create(CultureInfo.InvariantCulture, $"{day}, {start:HH:mm}–{endText} ({zoneText}; {duration})");
    }

    /// <summary>A stable text of the timing, for the transactionId of a call without an idempotency key.</summary>
    public string Canonical() => $"{CalendarTime.FormatUtc(Start)}|{CalendarTime.FormatUtc(End)}|{Zone?.Id}";
}
