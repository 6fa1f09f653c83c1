namespace Connectors.Mcp.Connectors.Scheduling;

/// <summary>
/// Common free slots from busy intervals: pure, no I/O. Each working day's start and end are built as wall-clock times
/// in the search's zone and converted to instants one by one, so the hours stay 09:00–17:00 local on both sides of a
/// DST change; slots are then cut from the free time between the merged busy intervals, each starting on a multiple of
/// the alignment of local time.
/// </summary>
public static class MeetingSlotFinder
{
    /// <summary>The longest DST gap there is (an hour; Lord Howe's is 30 minutes), with room to spare.</summary>
    private static readonly TimeSpan MaxGap = TimeSpan.FromHours(3);

    public static SlotSearchResult Find(SlotSearch search, IEnumerable<TimeRange> busy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(search.Duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(search.Alignment, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.MaxResults, 1);

        var blocked = Merge(busy);
        var slots = new List<TimeRange>();
        foreach (var workday in WorkingPeriods(search))
        {
            foreach (var free in Subtract(workday, blocked))
            {
                var start = AlignUp(free.Start, search.Zone, search.Alignment);
                while (start + search.Duration <= free.End)
                {
                    if (slots.Count == search.MaxResults)
                    {
                        return new SlotSearchResult(slots, HasMore: true);
                    }

                    slots.Add(new TimeRange(start, start + search.Duration));
                    start = AlignUp(start + search.Duration, search.Zone, search.Alignment);
                }
            }
        }

        return new SlotSearchResult(slots, HasMore: false);
    }

    /// <summary>Each working day's hours as instants, clipped to the window, in order.</summary>
    public static IEnumerable<TimeRange> WorkingPeriods(SlotSearch search)
    {
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(search.Window.Start, search.Zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(search.Window.End, search.Zone).DateTime);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!search.WorkingDays.Contains(day.DayOfWeek))
            {
                continue;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            var start = ToInstant(midnight + search.Hours.Start, search.Zone, firstOccurrence: true);
            var end = ToInstant(midnight + search.Hours.End, search.Zone, firstOccurrence: false);
            var clipped = new TimeRange(Max(start, search.Window.Start), Min(end, search.Window.End));
            if (!clipped.IsEmpty)
            {
                yield return clipped;
            }
        }
    }

    /// <summary>
    /// A wall-clock time to an instant. A time the clocks skip maps to the moment they jump (the first valid time
    /// after it); a time that happens twice maps to its first occurrence for a start and its second for an end, so a
    /// working period never loses the repeated hour.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone, bool firstOccurrence)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The first valid wall-clock minute after the gap is the moment the clocks jumped (02:30 → 03:00).
            var after = local;
            while (zone.IsInvalidTime(after) && after - local < MaxGap)
            {
                after = after.AddMinutes(1);
            }

            return new DateTimeOffset(after, zone.GetUtcOffset(after));
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, firstOccurrence ? offsets.Max() : offsets.Min());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The first instant at or after <paramref name="instant"/> whose local time of day is a multiple of <paramref name="alignment"/>.</summary>
    public static DateTimeOffset AlignUp(DateTimeOffset instant, TimeZoneInfo zone, TimeSpan alignment)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var remainder = local.TimeOfDay.Ticks % alignment.Ticks;
        return remainder == 0 ? instant : instant.AddTicks(alignment.Ticks - remainder);
    }

    /// <summary>Busy intervals sorted and merged (overlapping or touching ones become one).</summary>
    public static List<TimeRange> Merge(IEnumerable<TimeRange> busy)
    {
        var merged = new List<TimeRange>();
        foreach (var range in busy.Where(b => !b.IsEmpty).OrderBy(b => b.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Max(merged[^1].End, range.End) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>The parts of <paramref name="period"/> not covered by the sorted, merged <paramref name="blocked"/> intervals.</summary>
    public static IEnumerable<TimeRange> Subtract(TimeRange period, IReadOnlyList<TimeRange> blocked)
    {
        var cursor = period.Start;
        foreach (var range in blocked)
        {
            if (range.End <= cursor)
            {
                continue;
            }

            if (range.Start >= period.End)
            {
                break;
            }

            if (range.Start > cursor)
            {
                yield return new TimeRange(cursor, range.Start);
            }

            cursor = Max(cursor, range.End);
        }

        if (cursor < period.End)
        {
            yield return new TimeRange(cursor, period.End);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
