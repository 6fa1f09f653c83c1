using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>
/// Graph's event JSON in both directions: <c>dateTimeTimeZone</c> objects (wall-clock <c>dateTime</c> with seven
/// fractional digits, no offset, plus <c>timeZone</c>), <c>body</c> as HTML or (with the text preference) text,
/// attendees with <c>emailAddress</c>/<c>status</c>/<c>type</c>, <c>recurrence</c> for a series master.
/// </summary>
internal static class GraphEventJson
{
    public static JsonObject Write(FakeCalendarEvent e, string id, string type, DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, string zoneName, bool textBody, string webBase)
    {
        var json = Build(e, id, type, start, end, zone, zoneName, textBody, webBase);
        if (e.TransactionId is null)
        {
            json.Remove("transactionId"); // Graph returns it only when a client set it
        }

        return json;
    }

    private static JsonObject Build(FakeCalendarEvent e, string id, string type, DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, string zoneName, bool textBody, string webBase) => new()
    {
        ["@odata.etag"] = $"W/\"{e.LastModified.ToUnixTimeMilliseconds()}\"",
        ["id"] = id,
        ["createdDateTime"] = Utc(e.Created),
        ["lastModifiedDateTime"] = Utc(e.LastModified),
        ["transactionId"] = e.TransactionId,
        ["subject"] = e.Subject,
        ["bodyPreview"] = e.BodyText.Length > 255 ? e.BodyText[..255] : e.BodyText,
        ["body"] = new JsonObject
        {
            ["contentType"] = textBody ? "text" : "html",
            ["content"] = textBody ? e.BodyText : $"<html><body>{WebUtility.HtmlEncode(e.BodyText).Replace("\n", "<br>", StringComparison.Ordinal)}</body></html>",
        },
        ["start"] = DateTimeTimeZone(start, zone, zoneName),
        ["end"] = DateTimeTimeZone(end, zone, zoneName),
        ["location"] = new JsonObject { ["displayName"] = e.Location ?? string.Empty, ["locationType"] = "default" },
        ["isAllDay"] = e.IsAllDay,
        ["isCancelled"] = e.IsCancelled,
        ["isOrganizer"] = true,
        ["showAs"] = e.ShowAs,
        ["type"] = type,
        ["seriesMasterId"] = type is "occurrence" or "exception" ? e.SeriesMasterId ?? e.Id : null,
        ["recurrence"] = type == "seriesMaster" ? Recurrence(e.Recurrence!) : null,
        ["organizer"] = Address(e.OrganizerName ?? e.OrganizerAddress, e.OrganizerAddress),
        ["attendees"] = new JsonArray(e.Attendees.Select(a => (JsonNode?)new JsonObject
        {
            ["type"] = "required",
            ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
            ["emailAddress"] = new JsonObject { ["name"] = a, ["address"] = a },
        }).ToArray()),
        ["isOnlineMeeting"] = e.IsOnlineMeeting,
        ["onlineMeetingProvider"] = e.IsOnlineMeeting ? "teamsForBusiness" : "unknown",
        ["onlineMeeting"] = e.JoinUrl is null ? null : new JsonObject { ["joinUrl"] = e.JoinUrl },
        ["webLink"] = $"{webBase}/calendar/item/{Uri.EscapeDataString(id)}",
    };

    public static JsonObject DateTimeTimeZone(DateTimeOffset instant, TimeZoneInfo zone, string zoneName) => new()
    {
        ["dateTime"] = TimeZoneInfo.ConvertTime(instant, zone).DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = zoneName,
    };

    /// <summary>A <c>dateTimeTimeZone</c> from a request body → its instant, or null when unreadable or the zone is unknown.</summary>
    public static (DateTimeOffset Instant, string Zone)? ReadDateTime(JsonNode? node)
    {
        var text = node?["dateTime"]?.GetValue<string>();
        var zoneName = node?["timeZone"]?.GetValue<string>() ?? "UTC";
        if (text is null || FindZone(zoneName) is not { } zone
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return null;
        }

        var local = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return (new DateTimeOffset(local, offset), zoneName);
    }

    public static TimeZoneInfo? FindZone(string name)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static FakeRecurrence? ReadRecurrence(JsonNode? node)
    {
        if (node?["pattern"] is not { } pattern || node["range"] is not { } range)
        {
            return null;
        }

        var days = (pattern["daysOfWeek"]?.AsArray() ?? []).Select(d => Enum.Parse<DayOfWeek>(d!.GetValue<string>(), ignoreCase: true)).ToList();
        DateOnly? Date(string name) => range[name]?.GetValue<string>() is { Length: > 0 } s && s != "0001-01-01" ? DateOnly.Parse(s, CultureInfo.InvariantCulture) : null;
        return new FakeRecurrence(
            pattern["type"]?.GetValue<string>() ?? "daily",
            pattern["interval"]?.GetValue<int>() ?? 1,
            days,
            Date("startDate") ?? throw new FormatException("recurrence.range.startDate is required."),
            range["type"]?.GetValue<string>() ?? "noEnd",
            Date("endDate"),
            range["numberOfOccurrences"]?.GetValue<int>());
    }

    private static JsonObject Recurrence(FakeRecurrence r) => new()
    {
        ["pattern"] = new JsonObject
        {
            ["type"] = r.PatternType,
            ["interval"] = r.Interval,
            ["month"] = 0,
            ["dayOfMonth"] = 0,
            ["daysOfWeek"] = new JsonArray(r.DaysOfWeek.Select(d => (JsonNode?)d.ToString().ToLowerInvariant()).ToArray()),
            ["firstDayOfWeek"] = "sunday",
            ["index"] = "first",
        },
        ["range"] = new JsonObject
        {
            ["type"] = r.RangeType,
            ["startDate"] = r.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["endDate"] = (r.EndDate ?? DateOnly.MinValue).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["recurrenceTimeZone"] = "UTC",
            ["numberOfOccurrences"] = r.NumberOfOccurrences ?? 0,
        },
    };

    private static JsonObject Address(string name, string address) =>
        new() { ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address } };

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
