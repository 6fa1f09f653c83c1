using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Calendar.Actions;
using Connectors.Mcp.Google.Idempotency;
using Google.Apis.Services;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Calendar;

/// <summary>
/// One workspace's Google Calendar connector. Every action validates its arguments completely before anything else
/// happens (no token read, no request), then runs against <see cref="CalendarApi"/>.
/// </summary>
internal sealed class GoogleCalendarConnector : GoogleConnectorBase<CalendarApi>, IWriteOutcomeResolver
{
    public GoogleCalendarConnector(ConnectorContext context, GoogleCalendarConnectorType type)
        : base(context, type, CalendarClientService.DefaultBaseUri, context.LoggerFactory.CreateLogger<GoogleCalendarConnector>())
    {
    }

    public override async Task<JsonObject> ExecuteAsync(string action, JsonObject arguments, CancellationToken cancellationToken)
    {
        var args = new ActionArguments(arguments);
        switch (action)
        {
            case ListCalendarsAction.Name:
                ListCalendarsAction.Parse(args);
                return await ListCalendarsAction.RunAsync(await GetApiAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            case ListEventsAction.Name:
                var list = ListEventsAction.Parse(args);
                return await ListEventsAction.RunAsync(await GetApiAsync(cancellationToken), list, Context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            case GetEventAction.Name:
                var get = GetEventAction.Parse(args);
                return await GetEventAction.RunAsync(await GetApiAsync(cancellationToken), get, cancellationToken).ConfigureAwait(false);
            case CreateEventAction.Name:
                var create = CreateEventAction.WithKeyedId(CreateEventAction.Parse(args), args, WriteIdentity.EventId(Context, action));
                return await CreateEventAction.RunAsync(await GetApiAsync(cancellationToken), create, cancellationToken).ConfigureAwait(false);
            case UpdateEventAction.Name:
                var update = UpdateEventAction.Parse(args);
                return await UpdateEventAction.RunAsync(await GetApiAsync(cancellationToken), update, cancellationToken).ConfigureAwait(false);
            case DeleteEventAction.Name:
                var delete = DeleteEventAction.Parse(args);
                return await DeleteEventAction.RunAsync(await GetApiAsync(cancellationToken), delete, cancellationToken).ConfigureAwait(false);
            case FindFreeBusyAction.Name:
                var freeBusy = FindFreeBusyAction.Parse(args);
                return await FindFreeBusyAction.RunAsync(await GetApiAsync(cancellationToken), freeBusy, cancellationToken).ConfigureAwait(false);
            case FindMeetingSlotsAction.Name:
                var slots = FindMeetingSlotsAction.Parse(args);
                return await FindMeetingSlotsAction.RunAsync(await GetApiAsync(cancellationToken), slots, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentException($"The google_calendar connector has no action '{action}'.", nameof(action));
        }
    }

    /// <summary>create_event: reads the event by the id derived from the key (or given). Other actions cannot be checked.</summary>
    public async Task<WriteOutcome?> ResolveAsync(string action, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (action != CreateEventAction.Name)
        {
            return null;
        }

        var args = new ActionArguments(arguments);
        var create = CreateEventAction.WithKeyedId(CreateEventAction.Parse(args), args, WriteIdentity.EventId(Context, action));
        return await CreateEventAction.FindCreatedAsync(await GetApiAsync(cancellationToken), create, cancellationToken).ConfigureAwait(false);
    }

    protected override CalendarApi CreateApi(BaseClientService.Initializer initializer) =>
        new(new CalendarClientService(initializer), Executor);
}
