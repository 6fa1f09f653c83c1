namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>One event as a reader sees it: a single event, a series master, an expanded occurrence or an exception.</summary>
internal sealed record FakeCalendarInstance(FakeCalendarEvent Event, string Id, string Type, DateTimeOffset Start, DateTimeOffset End);
