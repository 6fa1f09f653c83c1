using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Calendar.Parsing;
using Connectors.Mcp.Google.Idempotency;
using Newtonsoft.Json.Linq;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// <c>create_event</c>: events.insert with a client-supplied id (given, or derived from the idempotency key or the
/// arguments), so that a repeated call is answered with the existing event (Google's 409, then a read) instead of creating
/// a second one. Never retried.
/// </summary>
internal static class CreateEventAction
{
    public const string Name = "create_event";

    public static readonly string[] ArgumentNames =
        ["calendar_id", "title", "start", "end", "start_date", "end_date", "time_zone", "attendees", "location", "description", "add_meet_link", "send_updates", "event_id"];

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Create a calendar event",
        // Timed (start + end) or all-day (start_date) is checked by Parse rather than by a oneOf in the schema, so that a
        // mistake is reported with the field it concerns instead of "does not match the schema".
        Description =
            "Create an event, timed (start, end) or all-day (start_date). Repeating the same call returns the event " +
            "already created.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                {{EventSchema.CalendarIdProperty}},
                "title": { "type": "string", "minLength": 1, "maxLength": {{EventText.MaxTitleLength}} },
                {{EventSchema.TimingAndTextProperties}},
                "attendees": {{EventSchema.AddressArray("Guests (not the organizer).")}},
                "add_meet_link": { "type": "boolean", "default": false },
                {{EventSchema.SendUpdatesProperty}},
                "event_id": { "type": "string", "pattern": "{{CalendarIds.NewEventIdPattern}}", "maxLength": {{CalendarIds.MaxEventIdLength}}, "description": "Default: derived from the call." }
              },
              "required": ["title"],
              "additionalProperties": false,
              "$defs": {
                {{EventSchema.TimingDefinitions}}
              }
            }
            """),
        OutputSchema = SchemaJson.Parse(EventSchema.SingleEventOutput()),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<CalendarApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, context, cancellationToken) => RunAsync(api, WithKeyedId(request, WriteIdentity.EventId(context, Name)), cancellationToken),
            async (api, request, context, cancellationToken) => await FindCreatedAsync(api, WithKeyedId(request, WriteIdentity.EventId(context, Name)), cancellationToken).ConfigureAwait(false)),
        ContentArguments = ["title", "location", "description"],
        RecipientArguments = ["attendees"],
        Describe = arguments => Describe(Parse(new ActionArguments(arguments))),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown(ArgumentNames);
        var calendarId = CalendarIds.ValidateCalendarId("calendar_id", arguments.OptionalString("calendar_id") ?? CalendarIds.Primary);
        var title = FreeText.SingleLine(arguments, "title", EventText.MaxTitleLength, allowEmpty: false)
            ?? throw new ConnectorValidationException("title", "is required.");
        var timing = EventTiming.Parse(arguments, required: true)!;
        var attendees = AttendeeAddresses.Parse(arguments, "attendees");
        var location = FreeText.SingleLine(arguments, "location", EventText.MaxLocationLength, allowEmpty: true) is { Length: > 0 } l ? l : null;
        var description = FreeText.Multiline(arguments, "description", EventText.MaxDescriptionLength) is { Length: > 0 } d ? d : null;
        var meet = arguments.OptionalBool("add_meet_link") ?? false;
        var sendUpdates = SendUpdates.Parse("send_updates", arguments.OptionalString("send_updates"));
        var givenId = arguments.OptionalString("event_id") is { } id ? CalendarIds.ValidateNewEventId("event_id", id) : null;

        var request = new Request(calendarId, string.Empty, title, timing, attendees, location, description, meet, sendUpdates);
        return request with { EventId = givenId ?? ClientEventId.FromCanonical(request.Canonical()), IdDerived = givenId is null };
    }

    /// <summary>
    /// The request with the event id derived from the call's idempotency key (<paramref name="keyedId"/>), unless the
    /// caller chose <c>event_id</c>: the same key then always asks Google for the same id.
    /// </summary>
    public static Request WithKeyedId(Request request, string? keyedId) =>
        keyedId is not null && request.IdDerived ? request with { EventId = keyedId } : request;

    /// <summary>
    /// After an ambiguous insert: reads the event by its client-supplied id. Applied when it exists (and is not
    /// cancelled), not applied on 404.
    /// </summary>
    public static async Task<WriteOutcome> FindCreatedAsync(CalendarApi api, Request request, CancellationToken cancellationToken)
    {
        try
        {
            var existing = await api.GetEventAsync(request.CalendarId, request.EventId, cancellationToken).ConfigureAwait(false);
            return existing.Status == "cancelled" ? WriteOutcome.NotApplied : WriteOutcome.Applied(EventOutput.ToJson(existing));
        }
        catch (ResourceNotFoundException)
        {
            return WriteOutcome.NotApplied;
        }
    }

    public static async Task<JsonObject> RunAsync(CalendarApi api, Request request, CancellationToken cancellationToken)
    {
        var body = new JObject
        {
            ["id"] = request.EventId,
            ["summary"] = request.Title,
            ["start"] = request.Timing.ToGoogle(isEnd: false, forPatch: false),
            ["end"] = request.Timing.ToGoogle(isEnd: true, forPatch: false),
        };
        if (request.Location is not null)
        {
            body["location"] = request.Location;
        }

        if (request.Description is not null)
        {
            body["description"] = request.Description;
        }

        if (request.Attendees.Count > 0)
        {
            body["attendees"] = new JArray(request.Attendees.Select(a => new JObject { ["email"] = a }));
        }

        if (request.AddMeetLink)
        {
            body["conferenceData"] = MeetRequest.Create(request.EventId);
        }

        try
        {
            var created = await api.InsertEventAsync(request.CalendarId, body, SendUpdates.ToWire(request.SendUpdates), request.AddMeetLink, cancellationToken)
                .ConfigureAwait(false);
            return EventOutput.ToJson(created);
        }
        catch (ProviderException ex) when (ex.StatusCode == 409)
        {
            // The id is this call's own (derived from its arguments or key): the event exists because this same call ran
            // before. Return it, as the first call did, instead of failing or creating a second one.
            if (request.IdDerived && await FindCreatedAsync(api, request, cancellationToken).ConfigureAwait(false) is { TookEffect: true, Result: { } existing })
            {
                return existing;
            }

            throw new ProviderException(
                $"An event with id '{request.EventId}' already exists on calendar '{request.CalendarId}': this create_event call was " +
                "probably made before (read it with get_event), or the id was deleted and cannot be reused. Pass a different event_id to create another event.",
                409,
                ex);
        }
    }

    public static string Describe(Request request)
    {
        var summary = new StringBuilder();
        summary.Append("Create this Google Calendar event on calendar '").Append(request.CalendarId).AppendLine("':");
        summary.Append("Title: ").AppendLine(request.Title);
        summary.Append("When: ").AppendLine(request.Timing.Describe());
        if (request.Location is not null)
        {
            summary.Append("Location: ").AppendLine(request.Location);
        }

        summary.Append("Guests: ").AppendLine(request.Attendees.Count > 0 ? ActionSummary.Addresses(request.Attendees) : "none");
        ActionSummary.AppendDomainWarnings(summary, request.Attendees);
        if (request.AddMeetLink)
        {
            summary.AppendLine("Google Meet: a video link will be added.");
        }

        summary.AppendLine(request.Attendees.Count > 0
            ? SendUpdates.Describe(request.SendUpdates, request.Attendees, "an invitation")
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
        string EventId,
        string Title,
        EventTiming Timing,
        IReadOnlyList<string> Attendees,
        string? Location,
        string? Description,
        bool AddMeetLink,
        string SendUpdates)
    {
        /// <summary>Whether <see cref="EventId"/> is this call's own (derived), not one the caller chose.</summary>
        public bool IdDerived { get; init; }

        /// <summary>What the event is (not how it is announced): the input of the derived id.</summary>
        public string Canonical() => string.Join(
            "\n",
            "create_event/v1",
            CalendarId,
            Title,
            Timing.Canonical(),
            string.Join(",", Attendees.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal)),
            Location ?? string.Empty,
            Description ?? string.Empty,
            AddMeetLink ? "meet" : "no-meet");
    }
}
