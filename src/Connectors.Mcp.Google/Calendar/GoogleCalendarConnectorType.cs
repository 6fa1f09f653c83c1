using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Calendar.Actions;

namespace Connectors.Mcp.Google.Calendar;

/// <summary>
/// The <c>google_calendar</c> connector type (provider <c>google</c>): calendars, events, free/busy and meeting slots
/// over Calendar v3 REST. Settings: <c>api_base_url</c> (default <c>https://www.googleapis.com/</c>), <c>token_url</c>,
/// <c>auth_url</c>.
/// </summary>
public sealed class GoogleCalendarConnectorType : IConnectorType
{
    public const string TypeKey = "google_calendar";
    public const string ProviderKey = Auth.GoogleOAuthProvider.ProviderKey;

    /// <summary>events.list/get/insert/patch/delete on every calendar the user can edit — not calendar settings, sharing or deletion of calendars (which the broad <c>calendar</c> scope would allow).</summary>
    public const string EventsScope = "https://www.googleapis.com/auth/calendar.events";

    /// <summary>calendarList.list (list_calendars): the list of calendars the user is subscribed to, read-only — narrower than <c>calendar.readonly</c>, which also reads every event.</summary>
    public const string CalendarListReadonlyScope = "https://www.googleapis.com/auth/calendar.calendarlist.readonly";

    /// <summary>freeBusy.query (find_free_busy, find_meeting_slots): availability only, never event details; calendar.events does not cover freeBusy.</summary>
    public const string FreeBusyScope = "https://www.googleapis.com/auth/calendar.freebusy";

    public string Type => TypeKey;

    public string DisplayName => "Google Calendar";

    public string Provider => ProviderKey;

    public string Description => "List calendars and events, create, update and delete events, check free/busy and find meeting slots in Google Calendar.";

    public IReadOnlyList<string> Scopes { get; } = [EventsScope, CalendarListReadonlyScope, FreeBusyScope];

    public IReadOnlyList<string> SettingKeys { get; } = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl, ConnectorSettings.AuthUrl, ConnectorSettings.RevokeUrl];

    public IReadOnlyList<ConnectorAction> Actions { get; } =
    [
        ListCalendarsAction.Declaration,
        ListEventsAction.Declaration,
        GetEventAction.Declaration,
        CreateEventAction.Declaration,
        UpdateEventAction.Declaration,
        DeleteEventAction.Declaration,
        FindFreeBusyAction.Declaration,
        FindMeetingSlotsAction.Declaration,
    ];

    public IConnector Create(ConnectorContext context) => new GoogleCalendarConnector(context, this);
}
