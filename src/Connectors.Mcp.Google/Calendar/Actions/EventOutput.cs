using System.Text.Json.Nodes;
using Connectors.Mcp.Google.Calendar.Models;
using Connectors.Mcp.Google.Calendar.Parsing;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>Google's event resource → the event object of the output schemas (<see cref="EventSchema.EventBody"/>).</summary>
internal static class EventOutput
{
    public static JsonObject ToJson(CalendarEvent e) => new()
    {
        ["id"] = e.Id ?? string.Empty,
        ["status"] = e.Status ?? "confirmed",
        ["summary"] = e.Summary,
        ["description"] = e.Description,
        ["location"] = e.Location,
        ["start"] = Time(e.Start),
        ["end"] = Time(e.End),
        ["all_day"] = e.Start?.Date is not null && e.Start.DateTime is null,
        ["recurring_event_id"] = e.RecurringEventId,
        ["recurrence"] = new JsonArray((e.Recurrence ?? []).Select(r => (JsonNode?)r).ToArray()),
        ["organizer"] = e.Organizer is null ? null : new JsonObject
        {
            ["email"] = e.Organizer.Email,
            ["display_name"] = e.Organizer.DisplayName,
            ["self"] = e.Organizer.Self ?? false,
        },
        ["attendees"] = new JsonArray((e.Attendees ?? []).Where(a => !string.IsNullOrEmpty(a.Email)).Select(a => (JsonNode?)new JsonObject
        {
            ["email"] = a.Email,
            ["display_name"] = a.DisplayName,
            ["response_status"] = a.ResponseStatus ?? "needsAction",
            ["optional"] = a.Optional ?? false,
            ["organizer"] = a.Organizer ?? false,
            ["self"] = a.Self ?? false,
        }).ToArray()),
        ["show_as"] = e.Transparency == "transparent" ? "free" : "busy",
        ["html_link"] = e.HtmlLink,
        ["hangout_link"] = e.HangoutLink,
        ["meet_link"] = MeetLink(e),
        ["conference_status"] = e.ConferenceData?.CreateRequest?.Status?.StatusCode,
        ["updated"] = e.Updated,
    };

    public static string? MeetLink(CalendarEvent e) =>
        e.ConferenceData?.EntryPoints?.FirstOrDefault(p => p.EntryPointType == "video" && !string.IsNullOrEmpty(p.Uri))?.Uri ?? e.HangoutLink;

    /// <summary>
    /// A timed event's time is rewritten as wall-clock time in the event's own time zone (Google writes it in the
    /// calendar's), so date_time and time_zone agree; the instant is unchanged.
    /// </summary>
    private static JsonObject Time(EventDateTime? time)
    {
        var dateTime = time?.DateTime;
        if (dateTime is not null && IanaTimeZone.TryResolve(time!.TimeZone) is { } zone && Rfc3339.TryParseFromGoogle(dateTime) is { } instant)
        {
            dateTime = Rfc3339.FormatIn(instant, zone);
        }

        return new JsonObject
        {
            ["date_time"] = dateTime,
            ["date"] = dateTime is null ? time?.Date : null,
            ["time_zone"] = time?.TimeZone,
        };
    }
}
