using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>
/// The meeting fields create_meeting and update_meeting accept, parsed and checked, and as Zoom's request body
/// (<c>topic</c>, <c>type</c> 2 = scheduled, <c>start_time</c> in UTC with the <c>timezone</c> it is shown in,
/// <c>duration</c>, <c>agenda</c>, <c>password</c>, <c>settings</c>).
/// </summary>
internal sealed record MeetingFields(
    string? Topic,
    MeetingTime? Time,
    TimeZoneInfo? Zone,
    int? Duration,
    string? Agenda,
    string? Password,
    bool? WaitingRoom,
    bool? JoinBeforeHost,
    string? Registration)
{
    public static readonly string[] Names =
        ["topic", "start_time", "timezone", "duration", "agenda", "password", "waiting_room", "join_before_host", "registration"];

    /// <param name="localNeedsZone">True for an update: a start_time without offset needs an explicit timezone (the meeting's own is not known here).</param>
    public static MeetingFields Parse(ActionArguments arguments, bool localNeedsZone)
    {
        var topic = FreeText.SingleLine(arguments, "topic", MeetingSchema.MaxTopicLength, allowEmpty: false);
        var zoneId = arguments.OptionalString("timezone");
        var zone = zoneId is null ? null : MeetingTime.ResolveZone("timezone", zoneId);
        MeetingTime? time = null;
        if (arguments.OptionalString("start_time") is { } start)
        {
            if (localNeedsZone && zone is null && !HasOffset(start))
            {
                throw new ConnectorValidationException("start_time", "has no offset: give timezone too, or write the time with Z or an offset.");
            }

            time = MeetingTime.Parse("start_time", start, zoneId);
        }

        int? duration = arguments.Has("duration") ? arguments.OptionalInt("duration", 30, 1, MeetingSchema.MaxDuration) : null;
        var agenda = FreeText.Multiline(arguments, "agenda", AgendaMarker.MaxAgendaLength);
        var password = arguments.OptionalString("password");
        if (password is not null && (password.Length is 0 or > 10 || !password.All(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '_' or '*' or '-')))
        {
            throw new ConnectorValidationException("password", "must be 1–10 characters: letters, digits, @ _ * -.");
        }

        var registration = arguments.OptionalString("registration");
        if (registration is not null and not ("off" or "automatic" or "manual"))
        {
            throw new ConnectorValidationException("registration", "must be off, automatic or manual.");
        }

        return new MeetingFields(topic, time, zone, duration, agenda, password, arguments.OptionalBool("waiting_room"), arguments.OptionalBool("join_before_host"), registration);
    }

    public bool IsEmpty => this == new MeetingFields(null, null, null, null, null, null, null, null, null);

    /// <summary>Zoom's body; <paramref name="marker"/> is appended to the agenda (create only).</summary>
    public JsonObject ToZoom(bool create, string? marker)
    {
        var body = new JsonObject();
        if (Topic is not null)
        {
            body["topic"] = Topic;
        }

        if (create)
        {
            body["type"] = 2;
        }

        if (Time is not null)
        {
            body["start_time"] = Time.Utc;
        }

        if (create || Zone is not null)
        {
            body["timezone"] = (Zone ?? Time?.Zone ?? TimeZoneInfo.Utc).Id;
        }

        if (Duration is not null || create)
        {
            body["duration"] = Duration ?? 30;
        }

        if (Agenda is not null || marker is not null)
        {
            body["agenda"] = AgendaMarker.Append(Agenda, marker);
        }

        if (Password is not null)
        {
            body["password"] = Password;
        }

        var settings = new JsonObject();
        if (WaitingRoom is { } waitingRoom)
        {
            settings["waiting_room"] = waitingRoom;
        }

        if (JoinBeforeHost is { } joinBeforeHost)
        {
            settings["join_before_host"] = joinBeforeHost;
        }

        if (Registration is not null)
        {
            settings["approval_type"] = Registration switch { "automatic" => 0, "manual" => 1, _ => 2 };
        }

        if (settings.Count > 0)
        {
            body["settings"] = settings;
        }

        return body;
    }

    /// <summary>The lines of an approval summary that say what the meeting will be.</summary>
    public void Describe(StringBuilder summary, string label)
    {
        if (Topic is not null)
        {
            summary.Append(label).Append("Topic: ").AppendLine(Topic);
        }

        if (Time is not null)
        {
            summary.Append(label).Append("When: ").AppendLine(Time.Describe(Duration));
        }
        else
        {
            if (Zone is not null)
            {
                summary.Append(label).Append("Time zone: ").AppendLine(Zone.Id);
            }

            if (Duration is not null)
            {
                summary.Append(label).Append("Duration: ").Append(Duration).AppendLine(" min");
            }
        }

        var settings = new List<string>();
        if (WaitingRoom is { } waitingRoom)
        {
            settings.Add($"waiting room {(waitingRoom ? "on" : "off")}");
        }

        if (JoinBeforeHost is { } joinBeforeHost)
        {
            settings.Add($"join before host {(joinBeforeHost ? "on" : "off")}");
        }

        if (Registration is not null)
        {
            settings.Add($"registration {Registration}");
        }

        if (Password is not null)
        {
            settings.Add("passcode set");
        }

        if (settings.Count > 0)
        {
            summary.Append(label).Append("Settings: ").AppendLine(string.Join(", ", settings));
        }

        if (Agenda is not null)
        {
            summary.Append(label).AppendLine("Agenda:");
            ActionSummary.AppendBodyPreview(summary, Agenda);
        }
    }

    private static bool HasOffset(string start) => start.EndsWith('Z') || (start.Length > 6 && start[^6] is '+' or '-');
}
