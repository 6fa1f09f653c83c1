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
/// <c>create_event</c>: <c>POST /me/events</c> (or <c>/me/calendars/{id}/events</c>) with a <c>transactionId</c> derived
/// from the call, never retried by our pipeline. When the outcome is unknown (dropped connection, timeout, 5xx), the
/// find step looks the event up by that transactionId in the calendar view of its own time window, so it is created once.
/// Graph emails an invitation to every attendee, so the action defaults to Approve.
/// </summary>
internal static class CreateEventAction
{
    public const string Name = "create_event";

    public static readonly string[] ArgumentNames =
        ["calendar_id", "title", "start", "end", "time_zone", "attendees", "location", "description", "add_teams_meeting"];

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Create an Outlook calendar event",
        Description =
            "Create a timed event; Outlook invites the attendees. Repeating the same call returns the event already " +
            "created.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{EventSchema.CalendarIdProperty}},
                "title": { "type": "string", "minLength": 1, "maxLength": {{EventText.MaxTitleLength}} },
                {{EventSchema.TimingAndTextProperties}},
                "attendees": {{EventSchema.AddressArray("Guests (not the organizer).")}},
                "add_teams_meeting": { "type": "boolean", "default": false }
              },
              "required": ["title", "start", "end"],
              "additionalProperties": false,
              "$defs": {
                {{EventSchema.TimingDefinitions}}
              }
            }
            """),
        OutputSchema = SchemaJson.Parse(EventSchema.SingleEventOutput()),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<GraphClient, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, request, context, cancellationToken) => RunAsync(graph, request, EventTransactionId.For(context, Name, request.Canonical()), cancellationToken),
            async (graph, request, context, cancellationToken) =>
                await FindCreatedAsync(graph, request, EventTransactionId.For(context, Name, request.Canonical()), cancellationToken).ConfigureAwait(false)),
        ContentArguments = ["title", "location", "description"],
        RecipientArguments = ["attendees"],
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown(ArgumentNames);
        var calendarId = OutlookCalendarIds.Validate("calendar_id", arguments.OptionalString("calendar_id") ?? OutlookCalendarIds.Primary);
        var title = FreeText.SingleLine(arguments, "title", EventText.MaxTitleLength, allowEmpty: false)
            ?? throw new ConnectorValidationException("title", "is required.");
        var timing = EventTiming.Parse(arguments, required: true)!;
        var attendees = AttendeeAddresses.Parse(arguments, "attendees");
        var location = FreeText.SingleLine(arguments, "location", EventText.MaxLocationLength, allowEmpty: true) is { Length: > 0 } l ? l : null;
        var description = FreeText.Multiline(arguments, "description", EventText.MaxDescriptionLength) is { Length: > 0 } d ? d : null;
        return new Request(calendarId, title, timing, attendees, location, description, arguments.OptionalBool("add_teams_meeting") ?? false);
    }

    public static async Task<JsonObject> RunAsync(GraphClient graph, Request request, string transactionId, CancellationToken cancellationToken)
    {
        var body = new Event
        {
            Subject = request.Title,
            Start = CalendarTime.ToGraph(request.Timing.Start, request.Timing.Zone),
            End = CalendarTime.ToGraph(request.Timing.End, request.Timing.Zone),
            TransactionId = transactionId,
        };
        if (request.Location is not null)
        {
            body.Location = new Location { DisplayName = request.Location };
        }

        if (request.Description is not null)
        {
            body.Body = new ItemBody { ContentType = BodyType.Text, Content = request.Description };
        }

        if (request.Attendees.Count > 0)
        {
            body.Attendees = request.Attendees.Select(a => new Attendee { EmailAddress = new EmailAddress { Address = a }, Type = AttendeeType.Required }).ToList();
        }

        if (request.AddTeamsMeeting)
        {
            body.IsOnlineMeeting = true;
            body.OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness;
        }

        var zone = request.Timing.Zone?.Id ?? "UTC";
        try
        {
            var created = await graph.WriteAsync(
                (sdk, ct) => request.CalendarId == OutlookCalendarIds.Primary
                    ? sdk.Me.Events.PostAsync(body, r => CalendarPrefer.Apply(r.Headers, zone), ct)
                    : sdk.Me.Calendars[request.CalendarId].Events.PostAsync(body, r => CalendarPrefer.Apply(r.Headers, zone), ct),
                $"Calendar '{request.CalendarId}'",
                cancellationToken).ConfigureAwait(false);
            return EventOutput.ToJson(created, request.Timing.Zone);
        }
        catch (ProviderException ex) when (ex.StatusCode == 409)
        {
            throw new ProviderException(
                "Graph refused the event: its transactionId (derived from this call's idempotency_key) was already used to create a " +
                "different event. Use another idempotency_key for a new event, or read the earlier one with list_events.",
                409,
                ex);
        }
    }

    /// <summary>
    /// After an ambiguous create: the calendar view of the event's own window, searched for the transactionId this call
    /// sent. Applied when an event carries it, not applied otherwise. Never re-sends.
    /// </summary>
    public static async Task<WriteOutcome> FindCreatedAsync(GraphClient graph, Request request, string transactionId, CancellationToken cancellationToken)
    {
        var zone = request.Timing.Zone?.Id ?? "UTC";
        var page = await graph.CallAsync(
            (sdk, ct) => request.CalendarId == OutlookCalendarIds.Primary
                ? sdk.Me.CalendarView.GetAsync(r =>
                {
                    r.QueryParameters.StartDateTime = CalendarTime.FormatUtc(request.Timing.Start);
                    r.QueryParameters.EndDateTime = CalendarTime.FormatUtc(request.Timing.End);
                    r.QueryParameters.Top = 100;
                    r.QueryParameters.Select = EventOutput.Select;
                    CalendarPrefer.Apply(r.Headers, zone);
                }, ct)
                : sdk.Me.Calendars[request.CalendarId].CalendarView.GetAsync(r =>
                {
                    r.QueryParameters.StartDateTime = CalendarTime.FormatUtc(request.Timing.Start);
                    r.QueryParameters.EndDateTime = CalendarTime.FormatUtc(request.Timing.End);
                    r.QueryParameters.Top = 100;
                    r.QueryParameters.Select = EventOutput.Select;
                    CalendarPrefer.Apply(r.Headers, zone);
                }, ct),
            $"Calendar '{request.CalendarId}'",
            cancellationToken).ConfigureAwait(false);
        var match = (page.Value ?? []).FirstOrDefault(e => e.TransactionId == transactionId && e.IsCancelled != true);
        return match is null ? WriteOutcome.NotApplied : WriteOutcome.Applied(EventOutput.ToJson(match, request.Timing.Zone));
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        summary.Append("Create this Outlook calendar event on calendar '").Append(request.CalendarId).AppendLine("':");
        summary.Append("Title: ").AppendLine(request.Title);
        summary.Append("When: ").AppendLine(request.Timing.Describe());
        if (request.Location is not null)
        {
            summary.Append("Location: ").AppendLine(request.Location);
        }

        summary.Append("Guests: ").AppendLine(request.Attendees.Count > 0 ? ActionSummary.Addresses(request.Attendees) : "none");
        ActionSummary.AppendDomainWarnings(summary, request.Attendees);
        if (request.AddTeamsMeeting)
        {
            summary.AppendLine("Microsoft Teams: this will be a Teams meeting with a join link.");
        }

        summary.AppendLine(request.Attendees.Count > 0
            ? $"Notifications: Outlook will email an invitation to every guest: {string.Join(", ", request.Attendees)}."
            : "Notifications: none (no guests).");
        if (request.Description is not null)
        {
            summary.AppendLine("Description:");
            ActionSummary.AppendBodyPreview(summary, request.Description);
        }

        return summary.ToString().TrimEnd();
    }

    public sealed record Request(
        string CalendarId,
        string Title,
        EventTiming Timing,
        IReadOnlyList<string> Attendees,
        string? Location,
        string? Description,
        bool AddTeamsMeeting)
    {
        /// <summary>What the event is: the transactionId's input when the call has no idempotency key.</summary>
        public string Canonical() => string.Join(
            "\n",
            "outlook_create_event/v1",
            CalendarId,
            Title,
            Timing.Canonical(),
            string.Join(",", Attendees.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal)),
            Location ?? string.Empty,
            Description ?? string.Empty,
            AddTeamsMeeting ? "teams" : "no-teams");
    }
}
