namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>
/// An event as the fake stores it: instants plus the time zone names the client wrote them in (Graph keeps the
/// organizer's zone and re-expresses times in the zone a reader prefers), and, for a series master, its recurrence.
/// </summary>
public sealed class FakeCalendarEvent
{
    public required string Id { get; init; }

    public required string CalendarId { get; init; }

    public string? Subject { get; set; }

    public string BodyText { get; set; } = string.Empty;

    public string? Location { get; set; }

    public required DateTimeOffset Start { get; set; }

    public required DateTimeOffset End { get; set; }

    /// <summary>The zone of start/end as the client wrote it (IANA or Windows name), e.g. <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    public bool IsAllDay { get; set; }

    public bool IsCancelled { get; set; }

    public string ShowAs { get; set; } = "busy";

    public required string OrganizerAddress { get; init; }

    public string? OrganizerName { get; init; }

    public List<string> Attendees { get; set; } = [];

    public bool IsOnlineMeeting { get; set; }

    public string? JoinUrl { get; set; }

    public string? TransactionId { get; init; }

    public FakeRecurrence? Recurrence { get; init; }

    /// <summary>For an exception (a changed occurrence): its series master.</summary>
    public string? SeriesMasterId { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset LastModified { get; set; }

    /// <summary>Occurrence dates (local, in <see cref="TimeZone"/>) deleted or replaced by an exception.</summary>
    public HashSet<DateOnly> ExcludedDates { get; } = [];
}
