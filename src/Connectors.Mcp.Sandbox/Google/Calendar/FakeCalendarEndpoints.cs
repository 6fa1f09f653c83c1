namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>Names of the fake Calendar's endpoints, for request counts and fault injection (Google's method names).</summary>
public static class FakeCalendarEndpoints
{
    public const string CalendarListList = "calendarList.list";
    public const string EventsList = "events.list";
    public const string EventsGet = "events.get";
    public const string EventsInsert = "events.insert";
    public const string EventsPatch = "events.patch";
    public const string EventsDelete = "events.delete";
    public const string FreeBusyQuery = "freebusy.query";
}
