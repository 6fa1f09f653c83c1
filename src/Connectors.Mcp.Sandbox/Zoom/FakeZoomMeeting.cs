namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// A snapshot of a meeting in the fake, for tests: what was created, updated, registered for or deleted.
/// <see cref="StartUrl"/> is the host's start link — a secret Zoom returns only to the host, which a connector must never
/// hand to an agent (tests can look for it in tool output). <see cref="SettingsJson"/> is the stored <c>settings</c>.
/// </summary>
public sealed record FakeZoomMeeting(
    long Id,
    string Uuid,
    string Topic,
    int Type,
    DateTimeOffset? StartTime,
    int Duration,
    string Timezone,
    string Agenda,
    string Password,
    DateTimeOffset CreatedAt,
    string JoinUrl,
    string StartUrl,
    string SettingsJson,
    bool RegistrationEnabled,
    IReadOnlyList<ZoomRegistrant> Registrants,
    bool IsDeleted,
    int UpdateCount);
