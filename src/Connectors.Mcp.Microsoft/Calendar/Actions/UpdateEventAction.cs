using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Calendar.Parsing;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary>
/// <c>update_event</c>: <c>PATCH /me/events/{id}</c> with only the properties given (the SDK's backing store sends only
/// what was set). When the guest list is merged (add/remove), the event is read first so guests who stay keep their entry.
/// </summary>
internal static class UpdateEventAction
{
    public const string Name = "update_event";

    public static readonly string[] ArgumentNames =
        ["event_id", "title", "start", "end", "time_zone", "location", "description", "attendees", "add_attendees", "remove_attendees", "add_teams_meeting"];

    private static readonly string[] ChangeNames =
        ["title", "start", "location", "description", "attendees", "add_attendees", "remove_attendees", "add_teams_meeting"];

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Update an Outlook calendar event",
        Description =
            "Change an event; only given fields change. REPLACE: title, location, description (\"\" clears), the time " +
            "(start+end) and attendees (the WHOLE list). MERGE: add_attendees, remove_attendees. An occurrence id changes " +
            "that occurrence only.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{EventSchema.EventIdProperty}},
                "title": { "type": "string", "minLength": 1, "maxLength": {{EventText.MaxTitleLength}} },
                {{EventSchema.TimingAndTextProperties}},
                "attendees": {{EventSchema.AddressesReference("REPLACES the whole guest list ([] removes all).")}},
                "add_attendees": {{EventSchema.AddressesReference("MERGE: guests to add.")}},
                "remove_attendees": {{EventSchema.AddressesReference("MERGE: guests to remove.")}},
                "add_teams_meeting": { "type": "boolean" }
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
        // Not idempotent: each call may email the attendees again.
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<GraphClient, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, request, _, cancellationToken) => RunAsync(graph, request, cancellationToken)),
        ContentArguments = ["title", "location", "description"],
        RecipientArguments = ["attendees", "add_attendees", "remove_attendees"],
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown(ArgumentNames);
        var eventId = OutlookCalendarIds.Validate("event_id", arguments.RequiredString("event_id"));
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

        var teams = arguments.OptionalBool("add_teams_meeting") ?? false;
        if (title is null && timing is null && location is null && description is null && attendees is null && add.Count == 0 && remove.Count == 0 && !teams)
        {
            throw new ConnectorValidationException("event_id", $"nothing to change: give at least one of {string.Join(", ", ChangeNames)}.");
        }

        return new Request(eventId, title, timing, location, description, attendees, add, remove, teams);
    }

    public static async Task<JsonObject> RunAsync(GraphClient graph, Request request, CancellationToken cancellationToken)
    {
        var patch = new Event();
        if (request.Title is not null)
        {
            patch.Subject = request.Title;
        }

        if (request.Timing is { } timing)
        {
            patch.Start = CalendarTime.ToGraph(timing.Start, timing.Zone);
            patch.End = CalendarTime.ToGraph(timing.End, timing.Zone);
        }

        if (request.Location is not null)
        {
            patch.Location = new Location { DisplayName = request.Location };
        }

        if (request.Description is not null)
        {
            patch.Body = new ItemBody { ContentType = BodyType.Text, Content = request.Description };
        }

        if (request.AddTeamsMeeting)
        {
            patch.IsOnlineMeeting = true;
            patch.OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness;
        }

        if (request.Attendees is { } replacement)
        {
            patch.Attendees = replacement.Select(New).ToList();
        }
        else if (request.AddAttendees.Count > 0 || request.RemoveAttendees.Count > 0)
        {
            var current = await graph.CallAsync(
                (sdk, ct) => sdk.Me.Events[request.EventId].GetAsync(r => r.QueryParameters.Select = ["attendees"], ct),
                $"Outlook event '{request.EventId}'",
                cancellationToken).ConfigureAwait(false);
            var list = (current.Attendees ?? [])
                .Where(a => !request.RemoveAttendees.Contains(a.EmailAddress?.Address ?? string.Empty, StringComparer.OrdinalIgnoreCase))
                .ToList();
            list.AddRange(request.AddAttendees
                .Where(a => !list.Any(e => string.Equals(e.EmailAddress?.Address, a, StringComparison.OrdinalIgnoreCase)))
                .Select(New));
            patch.Attendees = list;
        }

        var zone = request.Timing?.Zone;
        var updated = await graph.WriteAsync(
            (sdk, ct) => sdk.Me.Events[request.EventId].PatchAsync(patch, r => CalendarPrefer.Apply(r.Headers, zone?.Id ?? "UTC"), ct),
            $"Outlook event '{request.EventId}'",
            cancellationToken).ConfigureAwait(false);
        return EventOutput.ToJson(updated, zone);
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        summary.Append("Update Outlook calendar event '").Append(request.EventId).AppendLine("' (fields not listed stay as they are):");
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
        if (request.AddTeamsMeeting)
        {
            summary.AppendLine("Microsoft Teams: the event becomes a Teams meeting with a join link.");
        }

        summary.AppendLine(named.Count > 0
            ? $"Notifications: Outlook emails the update to the event's attendees; guests named in this change: {string.Join(", ", named)}."
            : "Notifications: if the event has attendees, Outlook emails them the update.");
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

    private static Attendee New(string address) => new() { EmailAddress = new EmailAddress { Address = address }, Type = AttendeeType.Required };

    public sealed record Request(
        string EventId,
        string? Title,
        EventTiming? Timing,
        string? Location,
        string? Description,
        IReadOnlyList<string>? Attendees,
        IReadOnlyList<string> AddAttendees,
        IReadOnlyList<string> RemoveAttendees,
        bool AddTeamsMeeting);
}
