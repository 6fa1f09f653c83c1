using System.Globalization;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;
using Newtonsoft.Json.Linq;

namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>
/// When an event happens: a timed event (<c>start</c>/<c>end</c>, with <c>time_zone</c>) or an all-day event
/// (<c>start_date</c> and an exclusive <c>end_date</c>). Validated completely before any request.
/// </summary>
internal abstract record EventTiming
{
    public static readonly string[] ArgumentNames = ["start", "end", "start_date", "end_date", "time_zone"];

    /// <summary>The timing the arguments give, or null when they give none (allowed only when <paramref name="required"/> is false).</summary>
    public static EventTiming? Parse(ActionArguments arguments, bool required)
    {
        var start = arguments.OptionalString("start");
        var end = arguments.OptionalString("end");
        var startDate = arguments.OptionalString("start_date");
        var endDate = arguments.OptionalString("end_date");
        var zoneId = arguments.OptionalString("time_zone");
        var zone = zoneId is null ? null : IanaTimeZone.Resolve("time_zone", zoneId);

        var timed = start is not null || end is not null;
        var allDay = startDate is not null || endDate is not null;
        if (timed && allDay)
        {
            throw new ConnectorValidationException("start_date", "give either start and end (a timed event) or start_date (an all-day event), not both.");
        }

        if (timed)
        {
            var startInstant = Instant("start", start ?? throw new ConnectorValidationException("start", "is required with end."), zone);
            var endInstant = Instant("end", end ?? throw new ConnectorValidationException("end", "is required with start."), zone);
            return endInstant > startInstant
                ? new Timed(startInstant, endInstant, zone)
                : throw new ConnectorValidationException("end", "must be after start.");
        }

        if (allDay)
        {
            var first = Rfc3339.ParseDate("start_date", startDate ?? throw new ConnectorValidationException("start_date", "is required with end_date."));
            var after = endDate is null ? first.AddDays(1) : Rfc3339.ParseDate("end_date", endDate);
            return after > first
                ? new AllDay(first, after)
                : throw new ConnectorValidationException("end_date", "is exclusive (the day after the last day) and must be after start_date.");
        }

        if (zone is not null)
        {
            throw new ConnectorValidationException("time_zone", "applies to start and end; give them too.");
        }

        return required
            ? throw new ConnectorValidationException("start", "is required: give start and end (with time_zone), or start_date for an all-day event.")
            : null;
    }

    /// <summary>Google's <c>start</c> or <c>end</c> object. For a patch, the unused form is cleared with explicit nulls.</summary>
    public abstract JObject ToGoogle(bool isEnd, bool forPatch);

    /// <summary>A readable account of when, for the approval summary.</summary>
    public abstract string Describe();

    /// <summary>A stable text of the timing, for the client-supplied event id.</summary>
    public abstract string Canonical();

    private static DateTimeOffset Instant(string field, string value, TimeZoneInfo? zone)
    {
        var parsed = Rfc3339.ParseDateTime(field, value);
        if (parsed.Offset is { } offset)
        {
            return new DateTimeOffset(parsed.Local, offset);
        }

        return zone is null
            ? throw new ConnectorValidationException(field, "has no UTC offset: give time_zone (an IANA id such as Europe/Berlin) or write the offset (…T10:00:00-05:00).")
            : ZonedTime.ToInstant(field, parsed.Local, zone);
    }

    /// <summary>A timed event. With a zone, its times are written as wall-clock times there and the zone is sent along.</summary>
    public sealed record Timed(DateTimeOffset Start, DateTimeOffset End, TimeZoneInfo? Zone) : EventTiming
    {
        public override JObject ToGoogle(bool isEnd, bool forPatch)
        {
            var instant = isEnd ? End : Start;
            var json = new JObject
            {
                ["dateTime"] = Zone is null ? Rfc3339.FormatWithOffset(instant) : Rfc3339.FormatIn(instant, Zone),
            };
            if (Zone is not null)
            {
                json["timeZone"] = Zone.Id;
            }
            else if (forPatch)
            {
                json["timeZone"] = JValue.CreateNull();
            }

            if (forPatch)
            {
                json["date"] = JValue.CreateNull();
            }

            return json;
        }

        public override string Describe()
        {
            var zone = Zone ?? TimeZoneInfo.CreateCustomTimeZone("offset", Start.Offset, $"UTC{Start:zzz}", $"UTC{Start:zzz}");
            var start = TimeZoneInfo.ConvertTime(Start, zone);
            var end = TimeZoneInfo.ConvertTime(End, zone);
            var day = start.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
            var endText = end.Date == start.Date
                ? end.ToString("HH:mm", CultureInfo.InvariantCulture)
                : end.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
            var zoneText = Zone is null ? $"UTC{start:zzz}" : $"{Zone.Id}, UTC{start:zzz}";
            return $"{day}, {start:HH:mm}–{endText} ({zoneText}; {Duration(End - Start)})";
        }

        public override string Canonical() =>
            $"timed|{Rfc3339.FormatUtc(Start)}|{Rfc3339.FormatUtc(End)}|{Zone?.Id}";

        private static string Duration(TimeSpan span) => span.TotalMinutes < 60
            ? $"{span.TotalMinutes:0} min"
            : span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
    }

    /// <summary>An all-day event from <see cref="Start"/> up to, not including, <see cref="EndExclusive"/>.</summary>
    public sealed record AllDay(DateOnly Start, DateOnly EndExclusive) : EventTiming
    {
        public override JObject ToGoogle(bool isEnd, bool forPatch)
        {
            var json = new JObject { ["date"] = Rfc3339.FormatDate(isEnd ? EndExclusive : Start) };
            if (forPatch)
            {
                json["dateTime"] = JValue.CreateNull();
                json["timeZone"] = JValue.CreateNull();
            }

            return json;
        }

        public override string Describe()
        {
            var days = EndExclusive.DayNumber - Start.DayNumber;
            var first = Start.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
            return days == 1
                ? $"{first} (all day)"
                : $"{first} – {EndExclusive.AddDays(-1).ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)} (all day, {days} days)";
        }

        public override string Canonical() => $"all_day|{Rfc3339.FormatDate(Start)}|{Rfc3339.FormatDate(EndExclusive)}";
    }
}
