using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google.Gmail;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// The fake's calendars, events, other people's free/busy and the writes it accepted, behind one lock. Every method
/// answers in Google's JSON or throws <see cref="GoogleApiFault"/> with Google's status, message and reason.
/// </summary>
internal sealed class CalendarStore(TimeProvider time, string userAddress)
{
    private const string Base32Hex = "0123456789abcdefghijklmnopqrstuv";
    private const int DefaultEventPage = 250;
    private const int MaxEventPage = 2500;
    private static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(730);

    private readonly Lock _lock = new();
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
            var id = CalendarTime.Text(body, "id") ?? NewId();
            var resource = Build(calendar, id, body, conference: true, previous: null);
            _events.Add(new StoredEvent(calendar.Id, resource));
            return Render(resource, Zone(calendar));
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
                return (JsonObject)Render(stored.Resource, Zone(calendar));
            }

            return FindMaster(calendar.Id, eventId) is { } master && EventExpansion.FindOccurrence(master, eventId, Zone(calendar)) is { } occurrence
                ? Render(occurrence, Zone(calendar))
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
                ["etag"] = Etag(),
                ["items"] = new JsonArray(page.Select(c => (JsonNode?)CalendarListEntry(c)).ToArray()),
            };
            if (offset + page.Count < _calendars.Count)
            {
                json["nextPageToken"] = PageToken(offset + page.Count);
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
            var zone = Zone(calendar);
            var horizon = query.TimeMax ?? (query.TimeMin ?? time.GetUtcNow()) + DefaultHorizon;
            var views = _events.Where(e => e.CalendarId == calendar.Id)
                .SelectMany(e => EventExpansion.Views(e, zone, query.SingleEvents, horizon))
                .Where(v => !v.IsCancelled)
                .Where(v => query.TimeMin is not { } min || v.End > min)
                .Where(v => query.TimeMax is not { } max || v.Start < max)
                .Where(v => query.Text is null || Matches(v.Resource, query.Text))
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
                ["etag"] = Etag(),
                ["summary"] = calendar.Summary,
                ["description"] = string.Empty,
                ["updated"] = Timestamp(),
                ["timeZone"] = calendar.TimeZone,
                ["accessRole"] = calendar.AccessRole,
                ["defaultReminders"] = new JsonArray(),
            };
            if (query.Offset + page.Count < views.Count)
            {
                json["nextPageToken"] = PageToken(query.Offset + page.Count);
            }

            json["items"] = new JsonArray(page.Select(v => (JsonNode?)Render(v.Resource, outZone)).ToArray());
            return json;
        }
    }

    public JsonObject Get(string calendarId, string eventId, TimeZoneInfo? outZone)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            var zone = Zone(calendar);
            if (FindStored(calendar.Id, eventId) is { } stored)
            {
                return Render(stored.Resource, outZone ?? zone);
            }

            return FindMaster(calendar.Id, eventId) is { } master && EventExpansion.FindOccurrence(master, eventId, zone) is { } occurrence
                ? Render(occurrence, outZone ?? zone)
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
            if (id is not null && !IsBase32Hex(id))
            {
                throw new GoogleApiFault(400, "Invalid resource id value.", "invalid");
            }

            id ??= NewId();
            if (FindStored(calendar.Id, id) is not null)
            {
                throw new GoogleApiFault(409, "The requested identifier already exists.", "duplicate");
            }

            var requested = (JsonObject)body.DeepClone();
            requested.Remove("organizer");
            var resource = Build(calendar, id, requested, conference, previous: null);
            _events.Add(new StoredEvent(calendar.Id, resource));
            _changes.Add(new FakeCalendarChange("insert", calendar.Id, id, sendUpdates, (JsonObject)body.DeepClone(), Guests(resource)));
            return Render(resource, Zone(calendar));
        }
    }

    public JsonObject Patch(string calendarId, string eventId, JsonObject body, string? sendUpdates, bool conference)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            RequireWriter(calendar);
            var zone = Zone(calendar);
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
            Merge(merged, body);
            var resource = Build(calendar, eventId, merged, conference, previous: current);
            if (series is not null)
            {
                series.Overrides[eventId] = resource;
            }
            else
            {
                stored!.Resource = resource;
            }

            _changes.Add(new FakeCalendarChange("patch", calendar.Id, eventId, sendUpdates, (JsonObject)body.DeepClone(), Guests(resource)));
            return Render(resource, zone);
        }
    }

    public void Delete(string calendarId, string eventId, string? sendUpdates)
    {
        lock (_lock)
        {
            var calendar = RequireCalendar(calendarId);
            RequireWriter(calendar);
            var zone = Zone(calendar);
            JsonObject resource;
            if (FindStored(calendar.Id, eventId) is { } stored)
            {
                if (stored.IsCancelled)
                {
                    throw new GoogleApiFault(410, "Resource has been deleted", "deleted");
                }

                resource = stored.Resource;
                resource["status"] = "cancelled";
                resource["updated"] = Timestamp();
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
            .SelectMany(e => EventExpansion.Views(e, Zone(calendar), singleEvents: true, max))
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

    // ---- building resources ----

    /// <summary>A validated, normalized event resource from a request body (insert) or a merged resource (patch).</summary>
    private JsonObject Build(FakeCalendarInfo calendar, string id, JsonObject body, bool conference, JsonObject? previous)
    {
        var zone = Zone(calendar);
        var (start, startInstant) = NormalizeTime(body["start"] as JsonObject, zone, "start");
        var (end, endInstant) = NormalizeTime(body["end"] as JsonObject, zone, "end");
        if ((start["date"] is null) != (end["date"] is null))
        {
            throw new GoogleApiFault(400, "Start and end times must either both be date or both be dateTime.", "invalid");
        }

        if (endInstant <= startInstant)
        {
            throw new GoogleApiFault(400, "The specified time range is empty.", "timeRangeEmpty");
        }

        var resource = previous is null ? new JsonObject() : (JsonObject)body.DeepClone();
        if (previous is null)
        {
            foreach (var field in new[] { "summary", "description", "location", "transparency", "visibility", "colorId" })
            {
                if (body[field] is JsonValue value)
                {
                    resource[field] = value.DeepClone();
                }
            }
        }

        var now = Timestamp();
        resource["kind"] = "calendar#event";
        resource["etag"] = Etag();
        resource["id"] = id;
        resource["status"] = CalendarTime.Text(body, "status") ?? "confirmed";
        resource["htmlLink"] = "https://www.google.com/calendar/event?eid=" + Base64Url($"{id} {calendar.Id}");
        resource["created"] = previous is null ? now : previous["created"]?.DeepClone() ?? now;
        resource["updated"] = now;
        resource["creator"] = previous?["creator"]?.DeepClone() ?? Person(userAddress, null, self: true);
        resource["organizer"] = body["organizer"]?.DeepClone() ?? (calendar.Primary ? Person(userAddress, null, self: true) : Person(calendar.Id, calendar.Summary, self: false));
        resource["start"] = start;
        resource["end"] = end;
        resource["iCalUID"] = CalendarTime.Text(body, "iCalUID") ?? $"{id}@google.com";
        resource["sequence"] = previous is null ? 0 : (previous["sequence"]?.GetValue<int>() ?? 0) + 1;
        resource["reminders"] = body["reminders"]?.DeepClone() ?? new JsonObject { ["useDefault"] = true };
        resource["eventType"] = "default";

        if (body["recurrence"] is JsonArray recurrence && recurrence.Count > 0)
        {
            var (_, error) = RecurrenceRule.Parse(recurrence.Select(r => r?.GetValue<string>() ?? string.Empty));
            if (error is not null)
            {
                throw new GoogleApiFault(400, error, "invalid");
            }

            if (start["dateTime"] is not null && start["timeZone"] is null)
            {
                throw new GoogleApiFault(400, "Missing time zone definition for start time.", "invalid");
            }

            resource["recurrence"] = recurrence.DeepClone();
        }

        if (body["attendees"] is JsonArray attendees)
        {
            resource["attendees"] = Attendees(attendees, previous?["attendees"] as JsonArray, resource["organizer"] as JsonObject);
        }

        if (previous is not null)
        {
            // Patch: what Google already created stays, unless a new conference is asked for.
            resource["conferenceData"] = previous["conferenceData"]?.DeepClone();
            resource["hangoutLink"] = previous["hangoutLink"]?.DeepClone();
            if (resource["conferenceData"] is null)
            {
                resource.Remove("conferenceData");
                resource.Remove("hangoutLink");
            }
        }

        if (conference && resource["conferenceData"] is null)
        {
            ConferenceFactory.Apply(resource, body["conferenceData"] as JsonObject);
        }
        else if (previous is null)
        {
            resource.Remove("conferenceData");
        }

        return resource;
    }

    private JsonArray Attendees(JsonArray requested, JsonArray? previous, JsonObject? organizer)
    {
        var organizerEmail = organizer is null ? null : CalendarTime.Text(organizer, "email");
        var result = new JsonArray();
        foreach (var item in requested)
        {
            if (item is not JsonObject attendee || CalendarTime.Text(attendee, "email") is not { Length: > 0 } email)
            {
                throw new GoogleApiFault(400, "Missing attendee email.", "required");
            }

            if (email.Contains('\n') || email.Contains('\r') || email.Count(c => c == '@') != 1)
            {
                throw new GoogleApiFault(400, $"Invalid attendee email: {email}", "invalid");
            }

            var before = previous?.OfType<JsonObject>().FirstOrDefault(p => string.Equals(CalendarTime.Text(p, "email"), email, StringComparison.OrdinalIgnoreCase));
            var json = (JsonObject)attendee.DeepClone();
            json["responseStatus"] = CalendarTime.Text(attendee, "responseStatus")
                ?? (before is null ? null : CalendarTime.Text(before, "responseStatus"))
                ?? (string.Equals(email, organizerEmail, StringComparison.OrdinalIgnoreCase) ? "accepted" : "needsAction");
            if (string.Equals(email, organizerEmail, StringComparison.OrdinalIgnoreCase))
            {
                json["organizer"] = true;
            }

            if (string.Equals(email, userAddress, StringComparison.OrdinalIgnoreCase))
            {
                json["self"] = true;
            }

            result.Add(json);
        }

        return result;
    }

    /// <summary>A <c>start</c>/<c>end</c> as stored: <c>{dateTime (with offset), timeZone?}</c> or <c>{date}</c>.</summary>
    private static (JsonObject Time, DateTimeOffset Instant) NormalizeTime(JsonObject? time, TimeZoneInfo calendarZone, string which)
    {
        var (instant, error) = CalendarTime.Read(time, calendarZone, which);
        if (instant is null)
        {
            throw new GoogleApiFault(400, error, "required");
        }

        if (CalendarTime.Text(time!, "date") is { } date)
        {
            return (new JsonObject { ["date"] = date }, instant.Value);
        }

        var zoneId = CalendarTime.Text(time!, "timeZone");
        var json = new JsonObject { ["dateTime"] = CalendarTime.Format(instant.Value, CalendarTime.Zone(zoneId) ?? calendarZone) };
        if (zoneId is not null)
        {
            json["timeZone"] = zoneId;
        }

        return (json, instant.Value);
    }

    /// <summary>Patch semantics: objects merge field by field, arrays and values replace, null removes.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject objectValue && target[name] is JsonObject existing)
            {
                Merge(existing, objectValue);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    /// <summary>Output: every instant written as wall-clock time in <paramref name="zone"/> (the calendar's, or the request's timeZone).</summary>
    private static JsonObject Render(JsonObject resource, TimeZoneInfo zone)
    {
        var json = (JsonObject)resource.DeepClone();
        foreach (var field in new[] { "start", "end", "originalStartTime" })
        {
            if (json[field] is JsonObject time && CalendarTime.ParseInstant(CalendarTime.Text(time, "dateTime")) is { } instant)
            {
                time["dateTime"] = CalendarTime.Format(instant, zone);
            }
        }

        return json;
    }

    private static bool Matches(JsonObject resource, string text)
    {
        var haystack = new StringBuilder();
        foreach (var field in new[] { "summary", "description", "location" })
        {
            haystack.Append(CalendarTime.Text(resource, field)).Append('\n');
        }

        foreach (var attendee in (resource["attendees"] as JsonArray ?? []).OfType<JsonObject>())
        {
            haystack.Append(CalendarTime.Text(attendee, "email")).Append(' ').Append(CalendarTime.Text(attendee, "displayName")).Append('\n');
        }

        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(word => haystack.ToString().Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    private List<string> Guests(JsonObject resource) =>
        (resource["attendees"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a["organizer"]?.GetValue<bool>() != true && a["self"]?.GetValue<bool>() != true)
            .Select(a => CalendarTime.Text(a, "email")!)
            .ToList();

    private static JsonObject CalendarListEntry(FakeCalendarInfo c)
    {
        var json = new JsonObject
        {
            ["kind"] = "calendar#calendarListEntry",
            ["etag"] = "\"1700000000000000\"",
            ["id"] = c.Id,
            ["summary"] = c.Summary,
            ["timeZone"] = c.TimeZone,
            ["colorId"] = "14",
            ["backgroundColor"] = "#9fe1e7",
            ["foregroundColor"] = "#000000",
            ["selected"] = true,
            ["accessRole"] = c.AccessRole,
            ["defaultReminders"] = new JsonArray(),
        };
        if (c.Primary)
        {
            json["primary"] = true;
        }

        return json;
    }

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

    private static TimeZoneInfo Zone(FakeCalendarInfo calendar) => CalendarTime.Zone(calendar.TimeZone) ?? TimeZoneInfo.Utc;

    private static JsonObject Person(string email, string? name, bool self)
    {
        var json = new JsonObject { ["email"] = email };
        if (name is not null)
        {
            json["displayName"] = name;
        }

        if (self)
        {
            json["self"] = true;
        }

        return json;
    }

    private string Timestamp() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private string Etag() => $"\"{time.GetUtcNow().ToUnixTimeMilliseconds() * 1000}\"";

    private static bool IsBase32Hex(string id) => id.Length is >= 5 and <= 1024 && id.All(c => c is (>= 'a' and <= 'v') or (>= '0' and <= '9'));

    private static string NewId() => string.Concat(RandomNumberGenerator.GetBytes(26).Select(b => Base32Hex[b % 32]));

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string PageToken(int offset) => Base64Url("page:" + offset.ToString(CultureInfo.InvariantCulture));

    /// <summary>The offset a page token stands for, or null when it is not one of ours.</summary>
    public static int? ParsePageToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/').PadRight((token.Length + 3) / 4 * 4, '=')));
            return text.StartsWith("page:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public const int MaxPage = MaxEventPage;

    public const int DefaultPage = DefaultEventPage;
}
