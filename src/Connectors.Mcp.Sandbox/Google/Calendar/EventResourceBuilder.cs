using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google.Gmail;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// Turns an events.insert body, or an event merged with an events.patch body, into the resource Google would store:
/// validated times (always written with an offset), attendees with response status and self/organizer flags, creator,
/// organizer, link, sequence, and a Meet conference when one is asked for.
/// </summary>
internal sealed class EventResourceBuilder(TimeProvider time, string userAddress)
{
    private const string Base32Hex = "0123456789abcdefghijklmnopqrstuv";

    /// <summary>A validated, normalized event resource from a request body (insert) or a merged resource (patch).</summary>
    public JsonObject Build(FakeCalendarInfo calendar, string id, JsonObject body, bool conference, JsonObject? previous)
    {
        var zone = CalendarTime.ZoneOf(calendar);
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
        resource["htmlLink"] = "https://www.google.com/calendar/event?eid=" + CalendarPageToken.Base64Url($"{id} {calendar.Id}");
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
    public static void ApplyPatch(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject objectValue && target[name] is JsonObject existing)
            {
                ApplyPatch(existing, objectValue);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    /// <summary>Output: every instant written as wall-clock time in <paramref name="zone"/> (the calendar's, or the request's timeZone).</summary>
    public static JsonObject Render(JsonObject resource, TimeZoneInfo zone)
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

    public string Timestamp() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public string Etag() => $"\"{time.GetUtcNow().ToUnixTimeMilliseconds() * 1000}\"";

    public static bool IsBase32Hex(string id) => id.Length is >= 5 and <= 1024 && id.All(c => c is (>= 'a' and <= 'v') or (>= '0' and <= '9'));

    public static string NewId() => string.Concat(RandomNumberGenerator.GetBytes(26).Select(b => Base32Hex[b % 32]));
}
