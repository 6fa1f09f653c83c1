namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>A calendar on the sandbox user's list. <see cref="AccessRole"/>: owner, writer, reader or freeBusyReader.</summary>
public sealed record FakeCalendarInfo(string Id, string Summary, string TimeZone, string AccessRole, bool Primary);
