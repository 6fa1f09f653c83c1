using System.Globalization;

namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>
/// Expands a series master into occurrences as calendarView does: each occurrence keeps the master's wall-clock start
/// time in the master's own time zone (so a 10:00 Europe/Berlin weekly meeting stays at 10:00 local across a DST change,
/// and moves by an hour in UTC), keeps its duration, and gets <c>type: occurrence</c>, the series' id as
/// <c>seriesMasterId</c> and an id of its own (<c>{master}_{yyyyMMdd}</c>).
/// </summary>
internal static class RecurrenceExpansion
{
    private const int MaxOccurrences = 2000;

    public static IEnumerable<(DateOnly Date, DateTimeOffset Start, DateTimeOffset End)> Occurrences(FakeCalendarEvent master, TimeZoneInfo zone)
    {
        if (master.Recurrence is not { } rule)
        {
            yield break;
        }

        var localStart = TimeZoneInfo.ConvertTime(master.Start, zone).DateTime;
        var timeOfDay = localStart.TimeOfDay;
        var duration = master.End - master.Start;
        var count = 0;
        foreach (var date in Dates(rule))
        {
            if (rule.RangeType == "endDate" && rule.EndDate is { } end && date > end)
            {
                yield break;
            }

            if (rule.RangeType == "numbered" && count >= (rule.NumberOfOccurrences ?? 0))
            {
                yield break;
            }

            if (++count > MaxOccurrences)
            {
                yield break;
            }

            var local = date.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay), DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(30);
            }

            var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
            var start = new DateTimeOffset(local, offset);
            yield return (date, start, start + duration);
        }
    }

    public static string OccurrenceId(string masterId, DateOnly date) =>
        masterId + "_" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Dates(FakeRecurrence rule)
    {
        var interval = Math.Max(1, rule.Interval);
        if (rule.PatternType == "daily")
        {
            for (var day = rule.StartDate; ; day = day.AddDays(interval))
            {
                yield return day;
            }
        }

        // weekly: weeks start on Sunday (Graph's default firstDayOfWeek); every interval-th week, on the listed days.
        var days = rule.DaysOfWeek.Count > 0 ? rule.DaysOfWeek : [rule.StartDate.DayOfWeek];
        var weekStart = rule.StartDate.AddDays(-(int)rule.StartDate.DayOfWeek);
        for (var week = weekStart; ; week = week.AddDays(7 * interval))
        {
            foreach (var day in days.OrderBy(d => d).Select(d => week.AddDays((int)d)))
            {
                if (day >= rule.StartDate)
                {
                    yield return day;
                }
            }
        }
    }
}
