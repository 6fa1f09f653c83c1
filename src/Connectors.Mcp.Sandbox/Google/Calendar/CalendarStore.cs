using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google.Gmail;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// The fake's calendars, events, other people's free/busy and the writes it accepted, behind one lock. Every method
/// answers in Google's JSON or throws <see cref="GoogleApiFault"/> with Google's status, message and reason.
/// </summary>
internal sealed class CalendarStore(TimeProvider time, string userAddress)
{
    /// <summary>events.list's default and largest page.</summary>
    public const int DefaultPage = 250;
    public const int MaxPage = 2500;
    private static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(730);

    private readonly Lock _lock = new();
    private readonly EventResourceBuilder _builder = new(time, userAddress);
    private readonly List<FakeCalendarInfo> _calendars = [];
    private readonly List<StoredEvent> _events = [];
    private readonly Dictionary<string, List<(DateTimeOffset Start, DateTimeOffset End)>> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _freeBusyFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeCalendarChange> _changes = [];

    public string UserAddress => userAddress;

    // ---- setup and observation (FakeCalendar) ----

    public void AddCalendar(FakeCalendarInfo calendar)
    {
        lock (_lock)
        {
            _calendars.RemoveAll(c => c.Id == calendar.Id);
            _calendars.Add(calendar);
        }
    }

    public IReadOnlyList<FakeCalendarInfo> Calendars
    {
        get
        {
            lock (_lock)
            {
                return _calendars.ToList();
            }
        }
    }

    public IReadOnlyList<FakeCalendarChange> Changes
    {
        get
        {
            lock (_lock)
            {
                return _changes.ToList();
            }
        }
    }

    /// <summary>Adds an event without recording a change (seeding, tests); the resource goes through Google's validation.</summary>
    public JsonObject Seed(string calendarId, JsonObject body)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            var id = CalendarTime.Text(body, "id") ?? EventResourceBuilder.NewId();
            var resource = _builder.Build(calendar, id, body, conference: true, previous: null);
            _events.Add(new StoredEvent(calendar.Id, resource));
            return EventResourceBuilder.Render(resource, CalendarTime.ZoneOf(calendar));
        }
    }

    public JsonObject? Find(string calendarId, string eventId)
    {
        lock (_lock)
        {
            var calendar = FindCalendar(calendarId);
            if (calendar is null)
            {
                return null;
            }

            var stored = FindStored(calendar.Id, eventId);
            if (stored is not null)
            {
                return (JsonObject)EventResourceBuilder.Render(stored.Resource, CalendarTime.ZoneOf(calendar));
            }

            return FindMaster(calendar.Id, eventId) is { } master && EventExpansion.FindOccurrence(master, eventId, CalendarTime.ZoneOf(calendar)) is { } occurrence
                ? EventResourceBuilder.Render(occurrence, CalendarTime.ZoneOf(calendar))
                : null;
        }
    }

    public void RemoveAllEvents()
    {
        lock (_lock)
        {
            _events.Clear();
        }
    }

    public void SetBusy(string email, IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> busy)
    {
        lock (_lock)
        {
            _people[email] = busy.ToList();
        }
    }

    public void FailFreeBusy(string id, string? reason)
    {
        lock (_lock)
        {
            if (reason is null)
            {
                _freeBusyFailures.Remove(id);
            }
            else
            {
                _freeBusyFailures[id] = reason;
            }
        }
    }

    // ---- calendarList ----

    public JsonObject CalendarList(int maxResults, int offset)
    {
        lock (_lock)
        {
            var page = _calendars.Skip(offset).Take(maxResults).ToList();
            var json = new JsonObject
            {
                ["kind"] = "calendar#calendarList",
                ["etag"] = _builder.Etag(),
                ["items"] = new JsonArray(page.Select(c => (JsonNode?)c.ToListEntry()).ToArray()),
            };
            if (offset + page.Count < _calendars.Count)
            {
                json["nextPageToken"] = CalendarPageToken.Create(offset + page.Count);
            }

            return json;
        }
    }

    // ---- events ----

    public JsonObject List(string calendarId, EventQuery query)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            var zone = CalendarTime.ZoneOf(calendar);
            var horizon = query.TimeMax ?? (query.TimeMin ?? time.GetUtcNow()) + DefaultHorizon;
            var views = _events.Where(e => e.CalendarId == calendar.Id)
                .SelectMany(e => EventExpansion.Views(e, zone, query.SingleEvents, horizon))
                .Where(v => !v.IsCancelled)
                .Where(v => query.TimeMin is not { } min || v.End > min)
                .Where(v => query.TimeMax is not { } max || v.Start < max)
                .Where(v => query.Text is null || v.Matches(query.Text))
                .ToList();
            if (query.OrderByStartTime)
            {
                views = views.OrderBy(v => v.Start).ThenBy(v => v.Id, StringComparer.Ordinal).ToList();
            }

            var page = views.Skip(query.Offset).Take(query.MaxResults).ToList();
            var outZone = query.TimeZone ?? zone;
            var json = new JsonObject
            {
                ["kind"] = "calendar#events",
                ["etag"] = _builder.Etag(),
                ["summary"] = calendar.Summary,
                ["description"] = string.Empty,
                ["updated"] = _builder.Timestamp(),
                ["timeZone"] = calendar.TimeZone,
                ["accessRole"] = calendar.AccessRole,
                ["defaultReminders"] = new JsonArray(),
            };
            if (query.Offset + page.Count < views.Count)
            {
                json["nextPageToken"] = CalendarPageToken.Create(query.Offset + page.Count);
            }

            json["items"] = new JsonArray(page.Select(v => (JsonNode?)EventResourceBuilder.Render(v.Resource, outZone)).ToArray());
            return json;
        }
    }

    public JsonObject Get(string calendarId, string eventId, TimeZoneInfo? outZone)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            var zone = CalendarTime.ZoneOf(calendar);
            if (FindStored(calendar.Id, eventId) is { } stored)
            {
                return EventResourceBuilder.Render(stored.Resource, outZone ?? zone);
            }

            return FindMaster(calendar.Id, eventId) is { } master && EventExpansion.FindOccurrence(master, eventId, zone) is { } occurrence
                ? EventResourceBuilder.Render(occurrence, outZone ?? zone)
                : throw GoogleApiFault.NotFound();
        }
    }

    public JsonObject Insert(string calendarId, JsonObject body, string? sendUpdates, bool conference)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            RequireWriter(calendar);
            var id = CalendarTime.Text(body, "id");
            if (id is not null && !EventResourceBuilder.IsBase32Hex(id))
            {
                throw new GoogleApiFault(400, "Invalid resource id value.", "invalid");
            }

            id ??= EventResourceBuilder.NewId();
            if (FindStored(calendar.Id, id) is not null)
            {
                throw new GoogleApiFault(409, "The requested identifier already exists.", "duplicate");
            }

            var requested = (JsonObject)body.DeepClone();
            requested.Remove("organizer");
            var resource = _builder.Build(calendar, id, requested, conference, previous: null);
            _events.Add(new StoredEvent(calendar.Id, resource));
            _changes.Add(new FakeCalendarChange("insert", calendar.Id, id, sendUpdates, (JsonObject)body.DeepClone(), Guests(resource)));
            return EventResourceBuilder.Render(resource, CalendarTime.ZoneOf(calendar));
        }
    }

    public JsonObject Patch(string calendarId, string eventId, JsonObject body, string? sendUpdates, bool conference)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            RequireWriter(calendar);
            var zone = CalendarTime.ZoneOf(calendar);
            var stored = FindStored(calendar.Id, eventId);
            StoredEvent? series = null;
            JsonObject current;
            if (stored is not null)
            {
                current = stored.Resource;
            }
            else if (FindMaster(calendar.Id, eventId) is { } master && EventExpansion.FindOccurrence(master, eventId, zone) is { } occurrence)
            {
                series = master;
                current = occurrence;
            }
            else
            {
                throw GoogleApiFault.NotFound();
            }

            if (CalendarTime.Text(body, "id") is { } newId && newId != eventId)
            {
                throw new GoogleApiFault(400, "Invalid resource id value.", "invalid");
            }

            var merged = (JsonObject)current.DeepClone();
            EventResourceBuilder.ApplyPatch(merged, body);
            var resource = _builder.Build(calendar, eventId, merged, conference, previous: current);
            if (series is not null)
            {
                series.Overrides[eventId] = resource;
            }
            else
            {
                stored!.Resource = resource;
            }

            _changes.Add(new FakeCalendarChange("patch", calendar.Id, eventId, sendUpdates, (JsonObject)body.DeepClone(), Guests(resource)));
            return EventResourceBuilder.Render(resource, zone);
        }
    }

    public void Delete(string calendarId, string eventId, string? sendUpdates)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            RequireWriter(calendar);
            var zone = CalendarTime.ZoneOf(calendar);
            JsonObject resource;
            if (FindStored(calendar.Id, eventId) is { } stored)
            {
                if (stored.IsCancelled)
                {
                    throw new GoogleApiFault(410, "Resource has been deleted", "deleted");
                }

                resource = stored.Resource;
                resource["status"] = "cancelled";
                resource["updated"] = _builder.Timestamp();
            }
            else if (FindMaster(calendar.Id, eventId) is { } master && EventExpansion.FindOccurrence(master, eventId, zone) is { } occurrence)
            {
                if (CalendarTime.Text(occurrence, "status") == "cancelled")
                {
                    throw new GoogleApiFault(410, "Resource has been deleted", "deleted");
                }

                resource = (JsonObject)occurrence.DeepClone();
                resource["status"] = "cancelled";
                master.Overrides[eventId] = resource;
            }
            else
            {
                throw GoogleApiFault.NotFound();
            }

            _changes.Add(new FakeCalendarChange("delete", calendar.Id, eventId, sendUpdates, null, Guests(resource)));
        }
    }

    // ---- freeBusy ----

    public JsonObject FreeBusy(DateTimeOffset min, DateTimeOffset max, TimeZoneInfo outZone, IReadOnlyList<string> ids)
    {
        lock (_lock)
        {
            var calendars = new JsonObject();
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                var busy = _freeBusyFailures.TryGetValue(id, out var failure) ? null : Busy(id, min, max);
                var reason = failure ?? (busy is null ? "notFound" : null);
                calendars[id] = reason is not null
                    ? new JsonObject
                    {
                        ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = reason }),
                        ["busy"] = new JsonArray(),
                    }
                    : new JsonObject
                    {
                        ["busy"] = new JsonArray(Merge(busy!).Select(b => (JsonNode?)new JsonObject
                        {
                            ["start"] = CalendarTime.Format(b.Start, outZone),
                            ["end"] = CalendarTime.Format(b.End, outZone),
                        }).ToArray()),
                    };
            }

            return new JsonObject
            {
                ["kind"] = "calendar#freeBusy",
                ["timeMin"] = min.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["timeMax"] = max.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["calendars"] = calendars,
            };
        }
    }

    /// <summary>Busy periods of a calendar id, an address on the user's list, or a known person; null when the fake cannot see it.</summary>
    private List<(DateTimeOffset Start, DateTimeOffset End)>? Busy(string id, DateTimeOffset min, DateTimeOffset max)
    {
        if (FindCalendar(id) is { } calendar)
        {
            return Views(calendar, min, max)
                .Where(v => SelfResponse(v.Resource) != "declined")
                .Select(v => Clip(v.Start, v.End, min, max))
                .ToList();
        }

        if (!_people.TryGetValue(id, out var own))
        {
            return null;
        }

        var attended = _calendars.SelectMany(c => Views(c, min, max)
            .Where(v => (v.Resource["attendees"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(a => string.Equals(CalendarTime.Text(a, "email"), id, StringComparison.OrdinalIgnoreCase)
                    && CalendarTime.Text(a, "responseStatus") != "declined")));
        return own.Where(b => b.End > min && b.Start < max).Select(b => Clip(b.Start, b.End, min, max))
            .Concat(attended.Select(v => Clip(v.Start, v.End, min, max)))
            .ToList();
    }

    private IEnumerable<EventView> Views(FakeCalendarInfo calendar, DateTimeOffset min, DateTimeOffset max) =>
        _events.Where(e => e.CalendarId == calendar.Id)
            .SelectMany(e => EventExpansion.Views(e, CalendarTime.ZoneOf(calendar), singleEvents: true, max))
            .Where(v => !v.IsCancelled && !v.IsTransparent && v.End > min && v.Start < max);

    private string? SelfResponse(JsonObject resource) =>
        (resource["attendees"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => string.Equals(CalendarTime.Text(a, "email"), userAddress, StringComparison.OrdinalIgnoreCase))
            .Select(a => CalendarTime.Text(a, "responseStatus"))
            .FirstOrDefault();

    private static (DateTimeOffset Start, DateTimeOffset End) Clip(DateTimeOffset start, DateTimeOffset end, DateTimeOffset min, DateTimeOffset max) =>
        (start < min ? min : start, end > max ? max : end);

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Merge(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> busy)
    {
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var b in busy.Where(b => b.End > b.Start).OrderBy(b => b.Start))
        {
            if (merged.Count > 0 && b.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, b.End > merged[^1].End ? b.End : merged[^1].End);
            }
            else
            {
                merged.Add(b);
            }
        }

        return merged;
    }

    private List<string> Guests(JsonObject resource) =>
        (resource["attendees"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a["organizer"]?.GetValue<bool>() != true && a["self"]?.GetValue<bool>() != true)
            .Select(a => CalendarTime.Text(a, "email")!)
            .ToList();

    private FakeCalendarInfo? FindCalendar(string id) =>
        id == "primary"
            ? _calendars.FirstOrDefault(c => c.Primary)
            : _calendars.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    private FakeCalendarInfo RequireCalendar(string id) => FindCalendar(id) ?? throw GoogleApiFault.NotFound();

    private static void RequireWriter(FakeCalendarInfo calendar)
    {
        if (calendar.AccessRole is not ("owner" or "writer"))
        {
            throw new GoogleApiFault(403, "You need to have writer access to this calendar.", "requiredAccessLevel");
        }
    }

    private StoredEvent? FindStored(string calendarId, string eventId) =>
        _events.FirstOrDefault(e => e.CalendarId == calendarId && e.Id == eventId);

    private StoredEvent? FindMaster(string calendarId, string instanceId)
    {
        var underscore = instanceId.LastIndexOf('_');
        return underscore > 0 && FindStored(calendarId, instanceId[..underscore]) is { IsRecurring: true } master ? master : null;
    }
}
