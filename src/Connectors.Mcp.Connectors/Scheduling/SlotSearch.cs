namespace Connectors.Mcp.Connectors.Scheduling;

/// <summary>
/// What <see cref="MeetingSlotFinder"/> looks for: slots of <see cref="Duration"/> inside <see cref="Window"/>, on
/// <see cref="WorkingDays"/> within <see cref="Hours"/> as wall-clock time in <see cref="Zone"/>, starting on multiples
/// of <see cref="Alignment"/> of local time, at most <see cref="MaxResults"/>.
/// </summary>
public sealed record SlotSearch(
    TimeRange Window,
    TimeZoneInfo Zone,
    WorkingHours Hours,
    IReadOnlySet<DayOfWeek> WorkingDays,
    TimeSpan Duration,
    TimeSpan Alignment,
    int MaxResults);
