using Connectors.Mcp.Core.Connectors;
using Google.Apis.Services;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Calendar;

/// <summary>
/// One workspace's Google Calendar connector: runs each action's handler against <see cref="CalendarApi"/>. Arguments
/// were parsed completely before (no token read, no request when they are wrong).
/// </summary>
internal sealed class GoogleCalendarConnector : GoogleConnectorBase<CalendarApi>
{
    public GoogleCalendarConnector(ConnectorContext context, GoogleCalendarConnectorType type)
        : base(context, type, CalendarClientService.DefaultBaseUri, context.LoggerFactory.CreateLogger<GoogleCalendarConnector>())
    {
    }

    protected override CalendarApi CreateApi(BaseClientService.Initializer initializer) =>
        new(new CalendarClientService(initializer), Executor);
}
