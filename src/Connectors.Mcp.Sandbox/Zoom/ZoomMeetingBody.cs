using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// The fields of a create (<c>POST users/{id}/meetings</c>) or update (<c>PATCH meetings/{id}</c>) body that the fake
/// models, checked as Zoom checks them: <c>topic</c> at most 200 characters, <c>agenda</c> 2,000, <c>password</c> 10 of
/// <c>[A-Za-z0-9@_*-]</c>, <c>type</c> 1/2/3/8, a known IANA <c>timezone</c>, <c>settings.approval_type</c> 0–2, booleans
/// where Zoom has booleans. Unknown fields are ignored, as Zoom ignores them. <c>start_time</c> is kept raw: it is read
/// against the time zone in effect (see <see cref="ZoomStartTime"/>).
/// </summary>
internal sealed record ZoomMeetingBody(
    string? Topic,
    int? Type,
    string? StartTime,
    string? Timezone,
    int? Duration,
    string? Agenda,
    string? Password,
    JsonObject? Settings)
{
    public const int MaxTopic = 200;
    public const int MaxAgenda = 2000;
    public const int MaxPassword = 10;

    private static readonly string[] BooleanSettings =
    [
        "host_video", "participant_video", "join_before_host", "mute_upon_entry", "waiting_room",
        "registrants_email_notification", "registrants_confirmation_email", "meeting_authentication",
    ];

    public static (ZoomMeetingBody? Body, List<ZoomFieldError> Errors) Parse(JsonObject json)
    {
        var errors = new List<ZoomFieldError>();
        var body = new ZoomMeetingBody(
            String(json, "topic", MaxTopic, errors),
            Int(json, "type", errors),
            String(json, "start_time", 64, errors),
            String(json, "timezone", 64, errors),
            Int(json, "duration", errors),
            String(json, "agenda", MaxAgenda, errors),
            String(json, "password", MaxPassword, errors),
            SettingsOf(json, errors));

        if (body.Type is { } type && type is not (1 or 2 or 3 or 8))
        {
            errors.Add(new("type", "Invalid field."));
        }

        if (body.Duration is < 0 or > 24 * 60)
        {
            errors.Add(new("duration", "Invalid field."));
        }

        if (body.Timezone is { } zone && !ZoomStartTime.IsKnownZone(zone))
        {
            errors.Add(new("timezone", "Invalid field."));
        }

        if (body.Password is { } password && !password.All(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '_' or '*' or '-'))
        {
            errors.Add(new("password", "Password can only contain the following characters: [a-z A-Z 0-9 @ - _ *]."));
        }

        return (errors.Count == 0 ? body : null, errors);
    }

    private static string? String(JsonObject json, string field, int max, List<ZoomFieldError> errors)
    {
        if (!json.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new(field, "Invalid field."));
            return null;
        }

        var value = node.GetValue<string>();
        if (value.Length > max)
        {
            errors.Add(new(field, $"Length must be less than or equal to {max}."));
            return null;
        }

        return value;
    }

    private static int? Int(JsonObject json, string field, List<ZoomFieldError> errors)
    {
        if (!json.TryGetPropertyValue(field, out var node) || node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value))
        {
            return value;
        }

        errors.Add(new(field, "Invalid field."));
        return null;
    }

    private static JsonObject? SettingsOf(JsonObject json, List<ZoomFieldError> errors)
    {
        if (!json.TryGetPropertyValue("settings", out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonObject settings)
        {
            errors.Add(new("settings", "Invalid field."));
            return null;
        }

        var known = new JsonObject();
        foreach (var name in BooleanSettings)
        {
            if (settings.TryGetPropertyValue(name, out var value) && value is not null)
            {
                if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    known[name] = value.GetValue<bool>();
                }
                else
                {
                    errors.Add(new($"settings.{name}", "Invalid field."));
                }
            }
        }

        if (settings.TryGetPropertyValue("approval_type", out var approval) && approval is not null)
        {
            if (approval.GetValueKind() == JsonValueKind.Number && approval.AsValue().TryGetValue<int>(out var a) && a is >= 0 and <= 2)
            {
                known["approval_type"] = a;
            }
            else
            {
                errors.Add(new("settings.approval_type", "Invalid field."));
            }
        }

        return known;
    }
}
