using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>A meeting as the fake keeps it; mutated only under <see cref="ZoomMeetingStore"/>'s lock.</summary>
internal sealed class StoredZoomMeeting
{
    public required long Id { get; init; }

    public required string Uuid { get; init; }

    public required string Topic { get; set; }

    public required int Type { get; set; }

    public DateTimeOffset? StartUtc { get; set; }

    public required int Duration { get; set; }

    public required string Timezone { get; set; }

    public string Agenda { get; set; } = "";

    public required string Password { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string JoinUrl { get; set; }

    public required string StartUrl { get; init; }

    public required JsonObject Settings { get; set; }

    public List<ZoomRegistrant> Registrants { get; } = [];

    public DateTimeOffset? DeletedAt { get; set; }

    public int UpdateCount { get; set; }

    /// <summary>The end by the schedule (start + duration); a meeting without a start never ends.</summary>
    public DateTimeOffset? EndUtc => StartUtc?.AddMinutes(Duration);

    /// <summary>Registration is on when <c>settings.approval_type</c> is 0 (automatic) or 1 (manual); 2 means none.</summary>
    public bool RegistrationEnabled => (Settings["approval_type"]?.GetValue<int>() ?? 2) is 0 or 1;

    public FakeZoomMeeting Snapshot() => new(
        Id, Uuid, Topic, Type, StartUtc, Duration, Timezone, Agenda, Password, CreatedAt, JoinUrl, StartUrl,
        Settings.ToJsonString(), RegistrationEnabled, Registrants.ToList(), DeletedAt is not null, UpdateCount);
}
