using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Microsoft.Calendar.Parsing;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary>Graph's event → the event object of the output schemas (<see cref="EventSchema.EventBody"/>). Text stays data.</summary>
internal static class EventOutput
{
    /// <summary>The properties every event read asks for (<c>$select</c>).</summary>
    public static readonly string[] Select =
    [
        "id", "type", "seriesMasterId", "subject", "body", "location", "start", "end", "isAllDay", "recurrence", "organizer", "attendees",
        "showAs", "isCancelled", "isOnlineMeeting", "onlineMeeting", "onlineMeetingUrl", "webLink", "lastModifiedDateTime", "transactionId",
    ];

    public const int MaxDescriptionChars = 20_000;

    public static JsonObject ToJson(Event e, TimeZoneInfo? zone = null) => new()
    {
        ["id"] = e.Id ?? string.Empty,
        ["type"] = Wire(e.Type?.ToString()) ?? "singleInstance",
        ["recurring_event_id"] = e.SeriesMasterId,
        ["summary"] = e.Subject,
        ["description"] = string.IsNullOrEmpty(e.Body?.Content) ? null : Bound(e.Body.Content),
        ["location"] = string.IsNullOrEmpty(e.Location?.DisplayName) ? null : e.Location.DisplayName,
        ["start"] = Time(e.Start, e.IsAllDay ?? false, zone),
        ["end"] = Time(e.End, e.IsAllDay ?? false, zone),
        ["all_day"] = e.IsAllDay ?? false,
        ["recurrence"] = Recurrence(e.Recurrence),
        ["organizer"] = e.Organizer?.EmailAddress is { } organizer
            ? new JsonObject { ["email"] = organizer.Address, ["display_name"] = organizer.Name }
            : null,
        ["attendees"] = new JsonArray((e.Attendees ?? []).Where(a => !string.IsNullOrEmpty(a.EmailAddress?.Address)).Select(a => (JsonNode?)new JsonObject
        {
            ["email"] = a.EmailAddress!.Address,
            ["display_name"] = a.EmailAddress.Name,
            ["response_status"] = Wire(a.Status?.Response?.ToString()) ?? "none",
            ["type"] = Wire(a.Type?.ToString()) ?? "required",
        }).ToArray()),
        ["show_as"] = Wire(e.ShowAs?.ToString()) ?? "busy",
        ["is_cancelled"] = e.IsCancelled ?? false,
        ["is_online_meeting"] = e.IsOnlineMeeting ?? false,
        ["online_meeting_url"] = JoinUrl(e),
        ["html_link"] = e.WebLink,
        ["updated"] = e.LastModifiedDateTime is { } updated ? CalendarTime.FormatUtc(updated) : null,
    };

    public static string? JoinUrl(Event e) =>
        !string.IsNullOrEmpty(e.OnlineMeeting?.JoinUrl) ? e.OnlineMeeting.JoinUrl : string.IsNullOrEmpty(e.OnlineMeetingUrl) ? null : e.OnlineMeetingUrl;

    /// <summary>
    /// Graph writes wall-clock time in the zone the Prefer header asked for (or the event's own); it is written back with its
    /// UTC offset, so date_time is an exact instant and time_zone says how it is expressed.
    /// </summary>
    private static JsonObject Time(DateTimeTimeZone? time, bool allDay, TimeZoneInfo? zone)
    {
        var instant = CalendarTime.FromGraph(time, zone);
        var written = CalendarTimeZone.TryFind(time?.TimeZone) ?? zone;
        return new JsonObject
        {
            ["date_time"] = instant is { } at && written is not null ? CalendarTime.FormatIn(at, written) : time?.DateTime,
            ["date"] = allDay && instant is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            ["time_zone"] = time?.TimeZone,
        };
    }

    private static string? Recurrence(PatternedRecurrence? recurrence)
    {
        if (recurrence?.Pattern is not { } pattern)
        {
            return null;
        }

        var kind = Wire(pattern.Type?.ToString()) ?? "unknown";
        var days = pattern.DaysOfWeek is { Count: > 0 } d ? " on " + string.Join(", ", d.Select(x => Wire(x?.ToString()))) : string.Empty;
        var range = recurrence.Range;
        var end = Wire(range?.Type?.ToString()) switch
        {
            "endDate" when range!.EndDate is { } date => $" until {date}",
            "numbered" => $" for {range!.NumberOfOccurrences} occurrences",
            _ => " with no end",
        };
        var from = range?.StartDate is { } start ? $", from {start}" : string.Empty;
        return $"{kind}{days}, every {pattern.Interval ?? 1}{from}{end}";
    }

    /// <summary>An SDK enum name as Graph spells it on the wire (camelCase).</summary>
    private static string? Wire(string? name) => string.IsNullOrEmpty(name) ? null : char.ToLowerInvariant(name[0]) + name[1..];

    private static string? Bound(string? text) => text is null || text.Length <= MaxDescriptionChars ? text : text[..MaxDescriptionChars] + "…";
}
