using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Calendar.Models;
using Connectors.Mcp.Google.Calendar.Parsing;
using Newtonsoft.Json.Linq;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// <c>update_event</c>: events.patch. Only the fields given change. When the guest list or the Meet link changes, the
/// event is read first, so that guests who stay keep their responses and an existing Meet link is not replaced.
/// </summary>
internal static class UpdateEventAction
{
    public const string Name = "update_event";

    public static readonly string[] ArgumentNames =
    [
        "calendar_id", "event_id", "title", "start", "end", "start_date", "end_date", "time_zone", "location", "description",
        "attendees", "add_attendees", "remove_attendees", "add_meet_link", "send_updates",
    ];

    private static readonly string[] ChangeNames =
        ["title", "start", "start_date", "location", "description", "attendees", "add_attendees", "remove_attendees", "add_meet_link"];

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Update a calendar event",
        Description =
            "Change an event; only given fields change. REPLACE: title, location, description (\"\" clears), the time " +
            "(start+end or start_date) and attendees (the WHOLE list). MERGE: add_attendees, remove_attendees. An " +
            "occurrence id changes that occurrence only.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{EventSchema.CalendarIdProperty}},
                {{EventSchema.EventIdProperty}},
                "title": { "type": "string", "minLength": 1, "maxLength": {{EventText.MaxTitleLength}} },
                {{EventSchema.TimingAndTextProperties}},
                "attendees": {{EventSchema.AddressesReference("REPLACES the whole guest list ([] removes all).")}},
                "add_attendees": {{EventSchema.AddressesReference("MERGE: guests to add.")}},
                "remove_attendees": {{EventSchema.AddressesReference("MERGE: guests to remove.")}},
                "add_meet_link": { "type": "boolean" },
                {{EventSchema.SendUpdatesProperty}}
              },
              "required": ["event_id"],
              "additionalProperties": false,
              "$defs": {
                {{EventSchema.TimingDefinitions}},
                {{EventSchema.AddressesDefinition}}
              }
            }
            """),
        OutputSchema = SchemaJson.Parse(EventSchema.SingleEventOutput()),
        // Not idempotent: the state would be, but every call with send_updates other than none emails the guests again.
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<CalendarApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken)),
        ContentArguments = ["title", "location", "description"],
        RecipientArguments = ["attendees", "add_attendees", "remove_attendees"],
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown(ArgumentNames);
        var calendarId = CalendarIds.ValidateCalendarId("calendar_id", arguments.OptionalString("calendar_id") ?? CalendarIds.Primary);
        var eventId = CalendarIds.ValidateEventId("event_id", arguments.RequiredString("event_id"));
        var title = FreeText.SingleLine(arguments, "title", EventText.MaxTitleLength, allowEmpty: false);
        var timing = EventTiming.Parse(arguments, required: false);
        var location = FreeText.SingleLine(arguments, "location", EventText.MaxLocationLength, allowEmpty: true);
        var description = FreeText.Multiline(arguments, "description", EventText.MaxDescriptionLength);
        IReadOnlyList<string>? attendees = arguments.Has("attendees") ? AttendeeAddresses.Parse(arguments, "attendees") : null;
        var add = AttendeeAddresses.Parse(arguments, "add_attendees");
        var remove = AttendeeAddresses.Parse(arguments, "remove_attendees");
        if (attendees is not null && (add.Count > 0 || remove.Count > 0))
        {
            throw new ConnectorValidationException("attendees", "replaces the whole guest list; do not combine it with add_attendees or remove_attendees.");
        }

        if (add.FirstOrDefault(a => remove.Contains(a, StringComparer.OrdinalIgnoreCase)) is { } both)
        {
            throw new ConnectorValidationException("remove_attendees", $"{both} is also in add_attendees.");
        }

        var meet = arguments.OptionalBool("add_meet_link") ?? false;
        var sendUpdates = SendUpdates.Parse("send_updates", arguments.OptionalString("send_updates"));
        if (title is null && timing is null && location is null && description is null && attendees is null && add.Count == 0 && remove.Count == 0 && !meet)
        {
            throw new ConnectorValidationException("event_id", $"nothing to change: give at least one of {string.Join(", ", ChangeNames)}.");
        }

        return new Request(calendarId, eventId, title, timing, location, description, attendees, add, remove, meet, sendUpdates);
    }

    public static async Task<JsonObject> RunAsync(CalendarApi api, Request request, CancellationToken cancellationToken)
    {
        var body = new JObject();
        if (request.Title is not null)
        {
            body["summary"] = request.Title;
        }

        if (request.Timing is not null)
        {
            body["start"] = request.Timing.ToGoogle(isEnd: false, forPatch: true);
            body["end"] = request.Timing.ToGoogle(isEnd: true, forPatch: true);
        }

        if (request.Location is not null)
        {
            body["location"] = request.Location;
        }

        if (request.Description is not null)
        {
            body["description"] = request.Description;
        }

        var addMeet = false;
        if (request.ChangesGuests || request.AddMeetLink)
        {
            var current = await api.GetEventAsync(request.CalendarId, request.EventId, cancellationToken).ConfigureAwait(false);
            if (request.ChangesGuests)
            {
                body["attendees"] = new JArray(GuestList(current.Attendees ?? [], request).Select(ToGoogle));
            }

            addMeet = request.AddMeetLink && EventOutput.MeetLink(current) is null && current.ConferenceData is null;
            if (addMeet)
            {
                body["conferenceData"] = MeetRequest.Create("update-" + request.EventId);
            }
        }

        if (!body.HasValues)
        {
            // Only add_meet_link was asked and the event already has a conference: nothing to send.
            return EventOutput.ToJson(await api.GetEventAsync(request.CalendarId, request.EventId, cancellationToken).ConfigureAwait(false));
        }

        var updated = await api.PatchEventAsync(request.CalendarId, request.EventId, body, SendUpdates.ToWire(request.SendUpdates), addMeet, cancellationToken)
            .ConfigureAwait(false);
        return EventOutput.ToJson(updated);
    }

    /// <summary>The new guest list: existing guests keep their entry (and response); new ones are added by address.</summary>
    public static IReadOnlyList<EventAttendee> GuestList(IList<EventAttendee> current, Request request)
    {
        EventAttendee Existing(string email) =>
            current.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)) ?? new EventAttendee { Email = email };

        if (request.Attendees is { } replacement)
        {
            return replacement.Select(Existing).ToList();
        }

        var result = current.Where(a => !request.RemoveAttendees.Contains(a.Email ?? string.Empty, StringComparer.OrdinalIgnoreCase)).ToList();
        result.AddRange(request.AddAttendees
            .Where(a => !result.Any(r => string.Equals(r.Email, a, StringComparison.OrdinalIgnoreCase)))
            .Select(a => new EventAttendee { Email = a }));
        return result;
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        summary.Append("Update Google Calendar event '").Append(request.EventId).Append("' on calendar '").Append(request.CalendarId)
            .AppendLine("' (fields not listed stay as they are):");
        if (request.Title is not null)
        {
            summary.Append("Title → ").AppendLine(request.Title);
        }

        if (request.Timing is not null)
        {
            summary.Append("When → ").AppendLine(request.Timing.Describe());
        }

        if (request.Location is not null)
        {
            summary.Append("Location → ").AppendLine(request.Location.Length > 0 ? request.Location : "(cleared)");
        }

        if (request.Attendees is { } replacement)
        {
            summary.Append("Guests → replaced by: ").AppendLine(replacement.Count > 0 ? ActionSummary.Addresses(replacement) : "nobody (every guest is removed)");
        }

        if (request.AddAttendees.Count > 0)
        {
            summary.Append("Guests added: ").AppendLine(ActionSummary.Addresses(request.AddAttendees));
        }

        if (request.RemoveAttendees.Count > 0)
        {
            summary.Append("Guests removed: ").AppendLine(ActionSummary.Addresses(request.RemoveAttendees));
        }

        var named = (request.Attendees ?? []).Concat(request.AddAttendees).Concat(request.RemoveAttendees).ToList();
        ActionSummary.AppendDomainWarnings(summary, named);
        if (request.AddMeetLink)
        {
            summary.AppendLine("Google Meet: a video link will be added if the event has none.");
        }

        summary.AppendLine(request.SendUpdates == SendUpdates.None
            ? SendUpdates.Describe(request.SendUpdates, named, "the change")
            : SendUpdates.Describe(request.SendUpdates, [], "the change") + (named.Count > 0 ? $" Guests named in this change: {string.Join(", ", named)}." : string.Empty));
        if (request.Description is not null)
        {
            summary.AppendLine(request.Description.Length > 0 ? "Description →" : "Description → (cleared)");
            if (request.Description.Length > 0)
            {
                ActionSummary.AppendBodyPreview(summary, request.Description);
            }
        }

        return summary.ToString().TrimEnd();
    }

    private static JObject ToGoogle(EventAttendee attendee)
    {
        var json = new JObject { ["email"] = attendee.Email };
        if (attendee.DisplayName is not null)
        {
            json["displayName"] = attendee.DisplayName;
        }

        if (attendee.ResponseStatus is not null)
        {
            json["responseStatus"] = attendee.ResponseStatus;
        }

        if (attendee.Optional is true)
        {
            json["optional"] = true;
        }

        if (attendee.Resource is true)
        {
            json["resource"] = true;
        }

        if (attendee.Comment is not null)
        {
            json["comment"] = attendee.Comment;
        }

        if (attendee.AdditionalGuests is { } guests)
        {
            json["additionalGuests"] = guests;
        }

        return json;
    }

    public sealed record Request(
        string CalendarId,
        string EventId,
        string? Title,
        EventTiming? Timing,
        string? Location,
        string? Description,
        IReadOnlyList<string>? Attendees,
        IReadOnlyList<string> AddAttendees,
        IReadOnlyList<string> RemoveAttendees,
        bool AddMeetLink,
        string SendUpdates)
    {
        public bool ChangesGuests => Attendees is not null || AddAttendees.Count > 0 || RemoveAttendees.Count > 0;
    }
}
