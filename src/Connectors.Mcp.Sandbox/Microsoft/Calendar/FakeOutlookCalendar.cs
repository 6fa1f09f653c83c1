using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>
/// The fake Graph calendar's state: calendars, events (series masters expand on read), other people's busy time for
/// getSchedule, request counts and one-shot faults per endpoint (<see cref="FakeCalendarEndpoints"/>). Thread-safe.
/// </summary>
public sealed class FakeOutlookCalendar
{
    public const string DefaultCalendarId = "AAMkAGI2-calendar-default";

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<FakeCalendarEvent> _events = [];
    private readonly List<(string Id, string Name, bool IsDefault)> _calendars = [(DefaultCalendarId, "Calendar", true)];
    private readonly List<(string Address, DateTimeOffset Start, DateTimeOffset End, string Status)> _othersBusy = [];
    private readonly FakeMicrosoftLedger _ledger = new();

    internal FakeOutlookCalendar(TimeProvider time, string owner)
    {
        _time = time;
        Owner = owner;
    }

    /// <summary>The mailbox owner: organizer of the events it creates.</summary>
    public string Owner { get; }

    /// <summary>Every stored event (masters, singles, exceptions), cancelled and deleted ones excluded.</summary>
    public IReadOnlyList<FakeCalendarEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>How many events POST requests created (a deduplicated repeat creates none).</summary>
    public int CreatedCount { get; private set; }

    public int RequestCount(string endpoint) => _ledger.Count(endpoint);

    /// <summary>The next request to <paramref name="endpoint"/> meets <paramref name="fault"/> (queued, one-shot).</summary>
    public void InjectFault(string endpoint, FakeGraphFault fault) => _ledger.Enqueue(endpoint, fault);

    public void AddCalendar(string id, string name)
    {
        lock (_lock)
        {
            _calendars.Add((id, name, false));
        }
    }

    /// <summary>Adds an event from Graph's JSON (as a POST body would be, plus optional <c>id</c>), organized by the owner unless <c>organizer</c> says otherwise.</summary>
    public FakeCalendarEvent AddEvent(JsonObject graphEvent, string calendarId = DefaultCalendarId)
    {
        var (created, error) = Parse(graphEvent, calendarId, graphEvent["id"]?.GetValue<string>());
        if (created is null)
        {
            throw new ArgumentException(error, nameof(graphEvent));
        }

        lock (_lock)
        {
            _events.Add(created);
        }

        return created;
    }

    /// <summary>Busy time of someone else, as getSchedule reports it (<c>busy</c>, <c>tentative</c>, <c>oof</c>, <c>free</c>).</summary>
    public void AddBusy(string address, DateTimeOffset start, DateTimeOffset end, string status = "busy")
    {
        lock (_lock)
        {
            _othersBusy.Add((address, start, end, status));
        }
    }

    internal FakeGraphFault? Enter(string endpoint)
    {
        _ledger.Record(endpoint);
        return _ledger.TakeFault(endpoint);
    }

    internal IReadOnlyList<(string Id, string Name, bool IsDefault)> Calendars
    {
        get
        {
            lock (_lock)
            {
                return _calendars.ToList();
            }
        }
    }

    internal bool HasCalendar(string id)
    {
        lock (_lock)
        {
            return _calendars.Any(c => c.Id == id);
        }
    }

    /// <summary>What calendarView returns: singles, exceptions and expanded occurrences overlapping [from, to), by start.</summary>
    internal List<FakeCalendarInstance> View(string calendarId, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            var result = new List<FakeCalendarInstance>();
            foreach (var e in _events.Where(e => e.CalendarId == calendarId && !e.IsCancelled))
            {
                if (e.Recurrence is null)
                {
                    if (e.Start < to && e.End > from)
                    {
                        result.Add(new(e, e.Id, e.SeriesMasterId is null ? "singleInstance" : "exception", e.Start, e.End));
                    }

                    continue;
                }

                var zone = GraphEventJson.FindZone(e.TimeZone) ?? TimeZoneInfo.Utc;
                foreach (var (date, start, end) in RecurrenceExpansion.Occurrences(e, zone).TakeWhile(o => o.Start < to))
                {
                    if (end > from && !e.ExcludedDates.Contains(date))
                    {
                        result.Add(new(e, RecurrenceExpansion.OccurrenceId(e.Id, date), "occurrence", start, end));
                    }
                }
            }

            return result.OrderBy(r => r.Start).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>An event by id: a stored one (single, master, exception) or an occurrence <c>{master}_{yyyyMMdd}</c>.</summary>
    internal FakeCalendarInstance? Find(string id)
    {
        lock (_lock)
        {
            if (_events.FirstOrDefault(e => e.Id == id && !e.IsCancelled) is { } stored)
            {
                var type = stored.Recurrence is not null ? "seriesMaster" : stored.SeriesMasterId is null ? "singleInstance" : "exception";
                return new(stored, stored.Id, type, stored.Start, stored.End);
            }

            var cut = id.LastIndexOf('_');
            if (cut <= 0 || _events.FirstOrDefault(e => e.Id == id[..cut] && e.Recurrence is not null && !e.IsCancelled) is not { } master
                || !DateOnly.TryParseExact(id[(cut + 1)..], "yyyyMMdd", out var date) || master.ExcludedDates.Contains(date))
            {
                return null;
            }

            var zone = GraphEventJson.FindZone(master.TimeZone) ?? TimeZoneInfo.Utc;
            var occurrence = RecurrenceExpansion.Occurrences(master, zone).TakeWhile(o => o.Date <= date).LastOrDefault();
            return occurrence.Date == date ? new(master, id, "occurrence", occurrence.Start, occurrence.End) : null;
        }
    }

    /// <summary>POST events: a new event, or the one already created with the same transactionId (Graph's dedupe).</summary>
    internal (FakeCalendarEvent? Event, int Status, string? Code, string? Error) Create(JsonObject body, string calendarId)
    {
        var (created, error) = Parse(body, calendarId, null);
        if (created is null)
        {
            return (null, 400, "ErrorInvalidRequest", error);
        }

        lock (_lock)
        {
            if (created.TransactionId is { } transaction && _events.FirstOrDefault(e => e.TransactionId == transaction) is { } existing)
            {
                return existing.Subject == created.Subject && existing.Start == created.Start && existing.End == created.End
                    ? (existing, 201, null, null)
                    : (null, 409, "ErrorDuplicateTransactionId", "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.");
            }

            _events.Add(created);
            CreatedCount++;
            return (created, 201, null, null);
        }
    }

    /// <summary>PATCH: the properties present change. An occurrence becomes an exception of its series.</summary>
    internal (FakeCalendarInstance? Instance, string? Error) Patch(string id, JsonObject body)
    {
        lock (_lock)
        {
            if (Find(id) is not { } found)
            {
                return (null, null);
            }

            var target = found.Event;
            if (found.Type == "occurrence")
            {
                var date = DateOnly.ParseExact(id[(id.LastIndexOf('_') + 1)..], "yyyyMMdd");
                found.Event.ExcludedDates.Add(date);
                target = new FakeCalendarEvent
                {
                    Id = id,
                    CalendarId = found.Event.CalendarId,
                    Subject = found.Event.Subject,
                    BodyText = found.Event.BodyText,
                    Location = found.Event.Location,
                    Start = found.Start,
                    End = found.End,
                    TimeZone = found.Event.TimeZone,
                    OrganizerAddress = found.Event.OrganizerAddress,
                    OrganizerName = found.Event.OrganizerName,
                    Attendees = [.. found.Event.Attendees],
                    IsOnlineMeeting = found.Event.IsOnlineMeeting,
                    JoinUrl = found.Event.JoinUrl,
                    SeriesMasterId = found.Event.Id,
                    Created = _time.GetUtcNow(),
                };
                _events.Add(target);
            }

            if (body["subject"] is { } subject)
            {
                target.Subject = subject.GetValue<string>();
            }

            if (body["body"] is { } content)
            {
                target.BodyText = content["content"]?.GetValue<string>() ?? string.Empty;
            }

            if (body["location"] is { } location)
            {
                target.Location = location["displayName"]?.GetValue<string>();
            }

            if (body.ContainsKey("start") || body.ContainsKey("end"))
            {
                if (GraphEventJson.ReadDateTime(body["start"]) is not { } start || GraphEventJson.ReadDateTime(body["end"]) is not { } end || end.Instant <= start.Instant)
                {
                    return (null, "start and end must both be given, with a known timeZone, end after start.");
                }

                (target.Start, target.End, target.TimeZone) = (start.Instant, end.Instant, start.Zone);
            }

            if (body["attendees"] is JsonArray attendees)
            {
                target.Attendees = Addresses(attendees);
            }

            if (body["isOnlineMeeting"]?.GetValue<bool>() is true && !target.IsOnlineMeeting)
            {
                target.IsOnlineMeeting = true;
                target.JoinUrl = JoinUrl();
            }

            target.LastModified = _time.GetUtcNow();
            return (found.Type == "occurrence" ? new(target, id, "exception", target.Start, target.End) : Find(id), null);
        }
    }

    /// <summary>DELETE: a stored event goes (a master with all its occurrences); an occurrence is excluded from its series.</summary>
    internal bool Delete(string id)
    {
        lock (_lock)
        {
            if (Find(id) is not { } found)
            {
                return false;
            }

            if (found.Type == "occurrence")
            {
                found.Event.ExcludedDates.Add(DateOnly.ParseExact(id[(id.LastIndexOf('_') + 1)..], "yyyyMMdd"));
            }
            else
            {
                _events.Remove(found.Event);
            }

            return true;
        }
    }

    /// <summary>getSchedule's items for one address: events it attends or organizes, plus busy time added for it.</summary>
    internal List<(DateTimeOffset Start, DateTimeOffset End, string Status)> Schedule(string address, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            return ScheduleLocked(address, from, to);
        }
    }

    private List<(DateTimeOffset Start, DateTimeOffset End, string Status)> ScheduleLocked(string address, DateTimeOffset from, DateTimeOffset to)
    {
        var items = _othersBusy
            .Where(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase) && b.Start < to && b.End > from)
            .Select(b => (b.Start, b.End, b.Status))
            .ToList();
        foreach (var calendar in Calendars)
        {
            items.AddRange(View(calendar.Id, from, to)
                .Where(i => i.Event.Attendees.Contains(address, StringComparer.OrdinalIgnoreCase) || string.Equals(i.Event.OrganizerAddress, address, StringComparison.OrdinalIgnoreCase))
                .Select(i => (i.Start, i.End, i.Event.ShowAs)));
        }

        return items.OrderBy(i => i.Item1).ToList();
    }

    private (FakeCalendarEvent? Event, string? Error) Parse(JsonObject body, string calendarId, string? id)
    {
        if (GraphEventJson.ReadDateTime(body["start"]) is not { } start || GraphEventJson.ReadDateTime(body["end"]) is not { } end)
        {
            return (null, "start and end are required dateTimeTimeZone values with a known timeZone.");
        }

        if (end.Instant < start.Instant)
        {
            return (null, "The end of the event must be after its start.");
        }

        var now = _time.GetUtcNow();
        var online = body["isOnlineMeeting"]?.GetValue<bool>() ?? false;
        return (new FakeCalendarEvent
        {
            Id = id ?? "AAMkAGI2-evt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            CalendarId = calendarId,
            Subject = body["subject"]?.GetValue<string>(),
            BodyText = body["body"]?["content"]?.GetValue<string>() ?? string.Empty,
            Location = body["location"]?["displayName"]?.GetValue<string>(),
            Start = start.Instant,
            End = end.Instant,
            TimeZone = start.Zone,
            IsAllDay = body["isAllDay"]?.GetValue<bool>() ?? false,
            ShowAs = body["showAs"]?.GetValue<string>() ?? "busy",
            OrganizerAddress = body["organizer"]?["emailAddress"]?["address"]?.GetValue<string>() ?? Owner,
            OrganizerName = body["organizer"]?["emailAddress"]?["name"]?.GetValue<string>() ?? "Demo User",
            Attendees = body["attendees"] is JsonArray attendees ? Addresses(attendees) : [],
            IsOnlineMeeting = online,
            JoinUrl = online && body["onlineMeetingProvider"]?.GetValue<string>() == "teamsForBusiness" ? JoinUrl() : null,
            TransactionId = body["transactionId"]?.GetValue<string>(),
            Recurrence = GraphEventJson.ReadRecurrence(body["recurrence"]),
            Created = now,
            LastModified = now,
        }, null);
    }

    private static List<string> Addresses(JsonArray attendees) =>
        attendees.Select(a => a?["emailAddress"]?["address"]?.GetValue<string>()).OfType<string>().ToList();

    private static string JoinUrl() =>
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "%40thread.v2/0";
}
