using System.Globalization;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// The RRULE subset the fake expands: <c>FREQ=DAILY|WEEKLY</c> with <c>INTERVAL</c>, <c>COUNT</c>, <c>UNTIL</c> (a date or
/// a UTC date-time) and, for WEEKLY, <c>BYDAY</c> (MO…SU). Occurrences are wall-clock times in the event's time zone, so a
/// 10:00 meeting stays at 10:00 across a DST change.
/// </summary>
internal sealed record RecurrenceRule(string Frequency, int Interval, int? Count, DateTimeOffset? Until, DateOnly? UntilDate, IReadOnlyList<DayOfWeek> ByDay)
{
    private static readonly string[] DayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

    /// <summary>The rule of an event's <c>recurrence</c> lines, or null with the error Google would give.</summary>
    public static (RecurrenceRule? Rule, string? Error) Parse(IEnumerable<string> lines)
    {
        var rrule = lines.FirstOrDefault(l => l.StartsWith("RRULE:", StringComparison.Ordinal));
        if (rrule is null)
        {
            return (null, "Invalid recurrence rule.");
        }

        string? frequency = null;
        var interval = 1;
        int? count = null;
        DateTimeOffset? until = null;
        DateOnly? untilDate = null;
        var byDay = new List<DayOfWeek>();
        foreach (var part in rrule["RRULE:".Length..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                return (null, "Invalid recurrence rule.");
            }

            switch (pair[0])
            {
                case "FREQ" when pair[1] is "DAILY" or "WEEKLY":
                    frequency = pair[1];
                    break;
                case "INTERVAL" when int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i > 0:
                    interval = i;
                    break;
                case "COUNT" when int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0:
                    count = c;
                    break;
                case "UNTIL" when DateTime.TryParseExact(pair[1], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var u):
                    until = new DateTimeOffset(u, TimeSpan.Zero);
                    break;
                case "UNTIL" when DateOnly.TryParseExact(pair[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                    untilDate = d;
                    break;
                case "BYDAY":
                    foreach (var code in pair[1].Split(','))
                    {
                        var index = Array.IndexOf(DayCodes, code);
                        if (index < 0)
                        {
                            return (null, "Invalid recurrence rule.");
                        }

                        byDay.Add((DayOfWeek)index);
                    }

                    break;
                case "WKST":
                    break;
                default:
                    return (null, $"Invalid recurrence rule: the sandbox supports FREQ=DAILY|WEEKLY, INTERVAL, COUNT, UNTIL and BYDAY ({part}).");
            }
        }

        return frequency is null
            ? (null, "Invalid recurrence rule.")
            : (new RecurrenceRule(frequency, interval, count, until, untilDate, byDay), null);
    }

    /// <summary>The occurrences' wall-clock starts from <paramref name="first"/>, in order, at most <paramref name="limit"/>.</summary>
    public IEnumerable<DateTime> Occurrences(DateTime first, TimeZoneInfo zone, DateTimeOffset horizon, int limit)
    {
        var produced = 0;
        foreach (var local in Candidates(first))
        {
            if ((Count is { } count && produced >= count) || produced >= limit)
            {
                yield break;
            }

            var instant = CalendarTime.ToInstant(local, zone);
            if ((Until is { } until && instant > until) || (UntilDate is { } untilDate && DateOnly.FromDateTime(local) > untilDate) || instant > horizon)
            {
                yield break;
            }

            produced++;
            yield return local;
        }
    }

    private IEnumerable<DateTime> Candidates(DateTime first)
    {
        if (Frequency == "DAILY")
        {
            for (var k = 0; ; k++)
            {
                yield return first.AddDays((double)k * Interval);
            }
        }

        var days = ByDay.Count > 0 ? ByDay.OrderBy(d => ((int)d + 6) % 7).ToList() : [first.DayOfWeek];
        var weekStart = first.Date.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        for (var week = 0; ; week += Interval)
        {
            foreach (var day in days)
            {
                var date = weekStart.AddDays((week * 7) + (((int)day + 6) % 7));
                if (date >= first.Date)
                {
                    yield return date + first.TimeOfDay;
                }
            }
        }
    }
}
