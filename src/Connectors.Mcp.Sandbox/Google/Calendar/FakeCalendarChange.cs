using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>
/// One write the fake Calendar accepted: <see cref="Method"/> is <c>insert</c>, <c>patch</c> or <c>delete</c>;
/// <see cref="SendUpdates"/> is the <c>sendUpdates</c> query value as sent (null when absent), which tells who Google would
/// have emailed; <see cref="Body"/> is the request body (null for a delete).
/// </summary>
public sealed record FakeCalendarChange(string Method, string CalendarId, string EventId, string? SendUpdates, JsonObject? Body, IReadOnlyList<string> Attendees)
{
    /// <summary>Who Google would email about this change, by Google's rules for <c>sendUpdates</c> (none when absent).</summary>
    public IReadOnlyList<string> Notified(string organizerDomain) => SendUpdates switch
    {
        "all" => Attendees,
        "externalOnly" => Attendees.Where(a => !a.EndsWith("@" + organizerDomain, StringComparison.OrdinalIgnoreCase)).ToList(),
        _ => [],
    };
}
