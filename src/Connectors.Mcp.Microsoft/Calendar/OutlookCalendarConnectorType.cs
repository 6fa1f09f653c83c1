using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Auth;
using Connectors.Mcp.Microsoft.Graph;
using Connectors.Mcp.Microsoft.Calendar.Actions;

namespace Connectors.Mcp.Microsoft.Calendar;

/// <summary>
/// The <c>outlook_calendar</c> connector type (provider <c>microsoft</c>): calendars, events (recurring ones expanded
/// through calendarView), Teams meetings and meeting times over Microsoft Graph v1.0. It asks only for
/// <c>Calendars.ReadWrite</c> (read and write the user's own calendars; <c>getSchedule</c> needs no more) plus
/// <c>offline_access</c>. Settings: <c>api_base_url</c> (default <c>https://graph.microsoft.com/v1.0</c>),
/// <c>token_url</c>, <c>auth_url</c>, <c>tenant</c>.
/// </summary>
public sealed class OutlookCalendarConnectorType : IConnectorType
{
    public const string TypeKey = "outlook_calendar";
    public const string DefaultBaseUrl = GraphConnector.DefaultBaseUrl;
    public const string CalendarsReadWriteScope = "https://graph.microsoft.com/Calendars.ReadWrite";
    public const string OfflineAccessScope = "offline_access";

    public string Type => TypeKey;

    public string DisplayName => "Outlook Calendar";

    public string Provider => MicrosoftOAuthProvider.ProviderKey;

    public string Description => "List calendars and events, create, update and delete events (optionally as Teams meetings) and find meeting times in an Outlook / Microsoft 365 calendar.";

    public IReadOnlyList<string> Scopes { get; } = [CalendarsReadWriteScope, OfflineAccessScope];

    public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl, ConnectorSettings.AuthUrl, MicrosoftEndpoints.TenantSetting];

    public IReadOnlyList<ConnectorAction> Actions { get; } =
    [
        ListCalendarsAction.Declaration,
        ListEventsAction.Declaration,
        GetEventAction.Declaration,
        CreateEventAction.Declaration,
        UpdateEventAction.Declaration,
        DeleteEventAction.Declaration,
        FindMeetingTimesAction.Declaration,
    ];

    public IConnector Create(ConnectorContext context) => new GraphConnector(context, this);
}
