using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>
/// Graph v1.0 calendar under <c>/v1.0/me/</c>: <c>GET calendars</c>; <c>GET calendarView</c> (and per calendar) over
/// <c>startDateTime</c>/<c>endDateTime</c> with recurring series expanded, <c>$top</c>/<c>$skip</c> paging by
/// <c>@odata.nextLink</c> on the fake's own host; <c>GET|PATCH|DELETE events/{id}</c> (200, 200, 204; 404
/// ErrorItemNotFound); <c>POST events</c> (201; a repeated <c>transactionId</c> returns the event already created, or
/// 409 ErrorDuplicateTransactionId for a different one); <c>POST calendar/getSchedule</c>. <c>Prefer:
/// outlook.timezone="…"</c> re-expresses every time in that zone and is echoed in <c>Preference-Applied</c>;
/// <c>outlook.body-content-type="text"</c> returns bodies as text. Every request needs a live access token.
/// </summary>
internal sealed partial class GraphCalendarEndpoints(FakeOutlookCalendar calendar, MicrosoftTokenRegistry tokens)
{
    private const string Prefix = "/v1.0/me/";
    private const string WebBase = "https://outlook.office365.com/owa";

    public static bool Handles(string path) =>
        path.StartsWith(Prefix, StringComparison.Ordinal)
        && path[Prefix.Length..].Split('/')[0] is "calendars" or "calendar" or "calendarView" or "events";

    public async Task HandleAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value![Prefix.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        var method = context.Request.Method;
        var endpoint = (segments, method) switch
        {
            (["calendars"], "GET") => FakeCalendarEndpoints.Calendars,
            (["calendarView"] or ["calendar", "calendarView"] or ["calendars", _, "calendarView"], "GET") => FakeCalendarEndpoints.CalendarView,
            (["events"] or ["calendar", "events"] or ["calendars", _, "events"], "POST") => FakeCalendarEndpoints.CreateEvent,
            (["events", _], "GET") => FakeCalendarEndpoints.Event,
            (["events", _], "PATCH") => FakeCalendarEndpoints.UpdateEvent,
            (["events", _], "DELETE") => FakeCalendarEndpoints.DeleteEvent,
            (["calendar", "getSchedule"], "POST") => FakeCalendarEndpoints.GetSchedule,
            _ => null,
        };
        if (endpoint is null)
        {
            await GraphJson.ErrorAsync(context, 400, "BadRequest", $"Resource not found for the segment '{string.Join('/', segments)}'.");
            return;
        }

        var fault = calendar.Enter(endpoint);
        if (fault is { AfterApplying: false })
        {
            await GraphJson.FaultAsync(context, fault);
            return;
        }

        var auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !tokens.IsValidAccessToken(auth[7..]))
        {
            await GraphJson.ErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            return;
        }

        var (status, body) = await RunAsync(context, segments, endpoint);
        if (fault is not null)
        {
            await GraphJson.FaultAsync(context, fault); // it acted, then the answer is lost
            return;
        }

        if (body is null)
        {
            context.Response.StatusCode = status;
            return;
        }

        if (body["error"] is JsonObject error)
        {
            await GraphJson.ErrorAsync(context, status, error["code"]!.GetValue<string>(), error["message"]!.GetValue<string>());
            return;
        }

        await GraphJson.WriteAsync(context, body, status);
    }

    private async Task<(int Status, JsonObject? Body)> RunAsync(HttpContext context, string[] segments, string endpoint)
    {
        var (zoneName, zone) = PreferredZone(context);
        var text = PreferHeader(context).Contains("outlook.body-content-type=\"text\"", StringComparison.Ordinal);
        var applied = new List<string>();
        if (PreferredZoneName(context) == zoneName)
        {
            applied.Add($"outlook.timezone=\"{zoneName}\"");
        }

        if (text)
        {
            applied.Add("outlook.body-content-type=\"text\"");
        }

        if (applied.Count > 0)
        {
            context.Response.Headers["Preference-Applied"] = string.Join(", ", applied);
        }

        JsonObject Json(FakeCalendarInstance i) =>
            Select(context, GraphEventJson.Write(i.Event, i.Id, i.Type, i.Start, i.End, zone, zoneName, text, WebBase));

        switch (endpoint)
        {
            case FakeCalendarEndpoints.Calendars:
                return (200, new JsonObject
                {
                    ["value"] = new JsonArray(calendar.Calendars.Select(c => (JsonNode?)Select(context, new JsonObject
                    {
                        ["id"] = c.Id,
                        ["name"] = c.Name,
                        ["color"] = "auto",
                        ["isDefaultCalendar"] = c.IsDefault,
                        ["canEdit"] = true,
                        ["canShare"] = c.IsDefault,
                        ["owner"] = new JsonObject { ["name"] = "Demo User", ["address"] = calendar.Owner },
                    })).ToArray()),
                });

            case FakeCalendarEndpoints.CalendarView:
            {
                var calendarId = segments[0] == "calendars" ? segments[1] : FakeOutlookCalendar.DefaultCalendarId;
                if (!calendar.HasCalendar(calendarId))
                {
                    return NotFound();
                }

                if (!TryInstant(context.Request.Query["startDateTime"], out var from) || !TryInstant(context.Request.Query["endDateTime"], out var to))
                {
                    return Error(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
                }

                return (200, Page(context, calendar.View(calendarId, from, to).Select(i => (JsonNode?)Json(i)).ToList()));
            }

            case FakeCalendarEndpoints.Event:
                return calendar.Find(segments[1]) is { } found ? (200, Json(found)) : NotFound();

            case FakeCalendarEndpoints.CreateEvent:
            {
                var calendarId = segments[0] == "calendars" ? segments[1] : FakeOutlookCalendar.DefaultCalendarId;
                if (!calendar.HasCalendar(calendarId))
                {
                    return NotFound();
                }

                if (await ReadBodyAsync(context) is not { } body)
                {
                    return Error(400, "ErrorInvalidRequest", "The request body is not a JSON object.");
                }

                var (created, status, code, message) = calendar.Create(body, calendarId);
                return created is null ? Error(status, code!, message!) : (201, Json(calendar.Find(created.Id)!));
            }

            case FakeCalendarEndpoints.UpdateEvent:
            {
                if (await ReadBodyAsync(context) is not { } body)
                {
                    return Error(400, "ErrorInvalidRequest", "The request body is not a JSON object.");
                }

                var (updated, error) = calendar.Patch(segments[1], body);
                return error is not null ? Error(400, "ErrorInvalidRequest", error) : updated is null ? NotFound() : (200, Json(updated));
            }

            case FakeCalendarEndpoints.DeleteEvent:
                return calendar.Delete(segments[1]) ? (204, null) : NotFound();

            default:
                return await GetScheduleAsync(context, zone, zoneName);
        }
    }

    private async Task<(int, JsonObject?)> GetScheduleAsync(HttpContext context, TimeZoneInfo zone, string zoneName)
    {
        var body = await ReadBodyAsync(context);
        if (body?["schedules"] is not JsonArray schedules || GraphEventJson.ReadDateTime(body["startTime"]) is not { } start || GraphEventJson.ReadDateTime(body["endTime"]) is not { } end)
        {
            return Error(400, "ErrorInvalidRequest", "schedules, startTime and endTime are required.");
        }

        if (end.Instant - start.Instant > TimeSpan.FromDays(62))
        {
            return Error(400, "ErrorInvalidRequest", "The requested time duration exceeds 62 days.");
        }

        var value = schedules.Select(s => s!.GetValue<string>()).Select(address => (JsonNode?)(address.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)
            ? new JsonObject
            {
                ["scheduleId"] = address,
                ["availabilityView"] = string.Empty,
                ["error"] = new JsonObject { ["message"] = "The specified emailAddress is not found.", ["responseCode"] = "ErrorMailboxNotFound" },
            }
            : new JsonObject
            {
                ["scheduleId"] = address,
                ["availabilityView"] = string.Empty,
                ["scheduleItems"] = new JsonArray(calendar.Schedule(address, start.Instant, end.Instant).Select(i => (JsonNode?)new JsonObject
                {
                    ["isPrivate"] = false,
                    ["status"] = i.Status,
                    ["start"] = GraphEventJson.DateTimeTimeZone(i.Start, zone, zoneName),
                    ["end"] = GraphEventJson.DateTimeTimeZone(i.End, zone, zoneName),
                }).ToArray()),
            })).ToArray();
        return (200, new JsonObject { ["value"] = new JsonArray(value) });
    }

    /// <summary>One page of <paramref name="items"/> with <c>@odata.nextLink</c> (same path and query, the next <c>$skip</c>) when more remain.</summary>
    private static JsonObject Page(HttpContext context, List<JsonNode?> items)
    {
        var size = Math.Clamp(int.TryParse(context.Request.Query["$top"], CultureInfo.InvariantCulture, out var top) ? top : 10, 1, 1000);
        var skip = int.TryParse(context.Request.Query["$skip"], CultureInfo.InvariantCulture, out var s) ? Math.Max(0, s) : 0;
        var page = new JsonObject { ["value"] = new JsonArray(items.Skip(skip).Take(size).ToArray()) };
        if (skip + size < items.Count)
        {
            var query = context.Request.Query.Where(q => q.Key != "$skip")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"$skip={skip + size}");
            page["@odata.nextLink"] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?{string.Join('&', query)}";
        }

        return page;
    }

    private static bool TryInstant(string? value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            // Graph matches property names without regard to case: the SDK sends getSchedule's parameters as
            // Schedules / StartTime / EndTime (the names in Graph's metadata), the docs show schedules / startTime / endTime.
            return await JsonNode.ParseAsync(context.Request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string PreferHeader(HttpContext context) => string.Join(", ", context.Request.Headers["Prefer"].ToArray());

    private static string? PreferredZoneName(HttpContext context) =>
        ZonePreference().Match(PreferHeader(context)) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The zone of <c>Prefer: outlook.timezone</c> (IANA or Windows name), UTC when absent or unknown.</summary>
    private static (string Name, TimeZoneInfo Zone) PreferredZone(HttpContext context) =>
        PreferredZoneName(context) is { } name && GraphEventJson.FindZone(name) is { } zone ? (name, zone) : ("UTC", TimeZoneInfo.Utc);

    private static (int, JsonObject?) NotFound() => Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static (int, JsonObject?) Error(int status, string code, string message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    /// <summary><c>$select</c>: only the listed properties (and <c>id</c>, <c>@odata.etag</c>), as Graph returns them.</summary>
    private static JsonObject Select(HttpContext context, JsonObject item)
    {
        var select = context.Request.Query["$select"].ToString();
        if (select.Length == 0)
        {
            return item;
        }

        var keep = select.Split(',', StringSplitOptions.TrimEntries).Append("id").Append("@odata.etag").ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in item.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
        {
            item.Remove(key);
        }

        return item;
    }

    [GeneratedRegex("outlook\\.timezone=\"([^\"]*)\"")]
    private static partial Regex ZonePreference();
}
