namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>The fake Graph calendar's endpoints, as names for <see cref="FakeOutlookCalendar.RequestCount"/> and <see cref="FakeOutlookCalendar.InjectFault"/>.</summary>
public static class FakeCalendarEndpoints
{
    public const string Calendars = "calendars";
    public const string CalendarView = "calendarView";
    public const string Event = "event";
    public const string CreateEvent = "createEvent";
    public const string UpdateEvent = "updateEvent";
    public const string DeleteEvent = "deleteEvent";
    public const string GetSchedule = "getSchedule";
}
