using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// The fake Google Calendar inside <see cref="FakeGoogleServer"/>: what tests and the sandbox can see and change. The
/// user's calendars are the primary one (the user's address, <see cref="PrimaryTimeZone"/>), a shared team calendar
/// and a read-only holidays calendar; other people's free/busy comes from <see cref="SetBusy"/> and the events they attend.
/// </summary>
public sealed class FakeCalendar
{
    public const string PrimaryTimeZone = "America/New_York";
    public const string TeamCalendarId = "c_atlas7k2m9@group.calendar.google.com";
    public const string HolidaysCalendarId = "en.usa#holiday@group.v.calendar.google.com";

    private readonly CalendarStore _store;

    internal FakeCalendar(CalendarStore store, DateTimeOffset now, bool seed)
    {
        _store = store;
        store.AddCalendar(new FakeCalendarInfo(store.UserAddress, store.UserAddress, PrimaryTimeZone, "owner", Primary: true));
        store.AddCalendar(new FakeCalendarInfo(TeamCalendarId, "Team Atlas", PrimaryTimeZone, "writer", Primary: false));
        store.AddCalendar(new FakeCalendarInfo(HolidaysCalendarId, "Holidays in United States", PrimaryTimeZone, "reader", Primary: false));
        if (seed)
        {
            SandboxCalendarSeed.Apply(this, now);
        }
    }

    /// <summary>The primary calendar's id: the user's address.</summary>
    public string PrimaryId => _store.UserAddress;

    public IReadOnlyList<FakeCalendarInfo> Calendars => _store.Calendars;

    /// <summary>Every insert, patch and delete accepted, in order, with its <c>sendUpdates</c> value.</summary>
    public IReadOnlyList<FakeCalendarChange> Changes => _store.Changes;

    /// <summary>An event (or an occurrence, by instance id) as events.get would return it, or null.</summary>
    public JsonObject? FindEvent(string calendarId, string eventId) => _store.Find(calendarId, eventId);

    /// <summary>Adds an event given as Google's JSON (validated like events.insert; no change is recorded).</summary>
    public JsonObject AddEvent(string calendarId, JsonObject resource) => _store.Seed(calendarId, resource);

    public void AddCalendar(FakeCalendarInfo calendar) => _store.AddCalendar(calendar);

    /// <summary>Removes every event from every calendar (tests that want an empty calendar).</summary>
    public void RemoveAllEvents() => _store.RemoveAllEvents();

    /// <summary>Makes <paramref name="email"/> a person whose free/busy the user can see, busy at these times (and at events they attend).</summary>
    public void SetBusy(string email, params (DateTimeOffset Start, DateTimeOffset End)[] busy) => _store.SetBusy(email, busy);

    /// <summary>From now on freeBusy answers for <paramref name="id"/> with Google's per-calendar error <paramref name="reason"/>.</summary>
    public void FailFreeBusyFor(string id, string reason = "internalError") => _store.FailFreeBusy(id, reason);

    public void RestoreFreeBusyFor(string id) => _store.FailFreeBusy(id, null);
}
