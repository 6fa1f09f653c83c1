using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Arguments;
using Connectors.Mcp.Google.Auth;
using Connectors.Mcp.Google.Calendar.Actions;
using Connectors.Mcp.Google.Http;
using Connectors.Mcp.Google.Idempotency;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Calendar;

/// <summary>
/// One workspace's Google Calendar connector. Every action validates its arguments completely before anything else
/// happens (no token read, no request), then runs against <see cref="CalendarApi"/>.
/// </summary>
internal sealed class GoogleCalendarConnector : IConnector, IWriteOutcomeResolver
{
    private readonly ConnectorContext _context;
    private readonly Uri _baseUri;
    private readonly GoogleConnectorAuthorization _authorization;
    private readonly GoogleRequestExecutor _executor;
    private readonly Lock _apiLock = new();
    private CalendarApi? _api;

    public GoogleCalendarConnector(ConnectorContext context, GoogleCalendarConnectorType type)
    {
        _context = context;
        _baseUri = context.Settings.GetUri(ConnectorSettings.ApiBaseUrl, CalendarClientService.DefaultBaseUri);
        var logger = context.LoggerFactory.CreateLogger<GoogleCalendarConnector>();
        _authorization = new GoogleConnectorAuthorization(context, type.DisplayName, type.Scopes, logger);
        _executor = new GoogleRequestExecutor(_authorization, type.DisplayName, context.Time);
    }

    public async Task<JsonObject> ExecuteAsync(string action, JsonObject arguments, CancellationToken cancellationToken)
    {
        var args = new ActionArguments(arguments);
        switch (action)
        {
            case ListCalendarsAction.Name:
                ListCalendarsAction.Parse(args);
                return await ListCalendarsAction.RunAsync(await GetApiAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            case ListEventsAction.Name:
                var list = ListEventsAction.Parse(args);
                return await ListEventsAction.RunAsync(await GetApiAsync(cancellationToken), list, _context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            case GetEventAction.Name:
                var get = GetEventAction.Parse(args);
                return await GetEventAction.RunAsync(await GetApiAsync(cancellationToken), get, cancellationToken).ConfigureAwait(false);
            case CreateEventAction.Name:
                var create = CreateEventAction.WithKeyedId(CreateEventAction.Parse(args), args, WriteIdentity.EventId(_context, action));
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
        var create = CreateEventAction.WithKeyedId(CreateEventAction.Parse(args), args, WriteIdentity.EventId(_context, action));
        return await CreateEventAction.FindCreatedAsync(await GetApiAsync(cancellationToken), create, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The API over the current credential; the client service is built once, on the first call.</summary>
    private async Task<CalendarApi> GetApiAsync(CancellationToken cancellationToken)
    {
        var credential = await _authorization.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        lock (_apiLock)
        {
            return _api ??= new CalendarApi(new CalendarClientService(GoogleClientServiceOptions.Create(_context, credential, _baseUri)), _executor);
        }
    }
}
