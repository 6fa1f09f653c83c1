using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Google.Calendar.Parsing;

/// <summary>
/// Who Google emails about a change: <c>none</c> (the default here: nobody), <c>external_only</c> (only guests who do
/// not use Google Calendar) or <c>all</c> (every guest). Sent as Google's <c>sendUpdates</c>: none | externalOnly | all.
/// </summary>
internal static class SendUpdates
{
    public const string None = "none";
    public const string ExternalOnly = "external_only";
    public const string All = "all";

    /// <summary>The schema's enum, JSON-quoted.</summary>
    public const string EnumJson = "[\"none\", \"external_only\", \"all\"]";

    public static string Parse(string field, string? value) => value switch
    {
        null => None,
        None or ExternalOnly or All => value,
        _ => throw new ConnectorValidationException(field, "must be 'none', 'external_only' or 'all'."),
    };

    /// <summary>Google's query value.</summary>
    public static string ToWire(string value) => value switch
    {
        ExternalOnly => "externalOnly",
        All => "all",
        _ => "none",
    };

    /// <summary>One line for the approval summary: who will get an email.</summary>
    public static string Describe(string value, IReadOnlyList<string> guests, string what) => value switch
    {
        All when guests.Count > 0 => $"Notifications: Google will email {what} to every guest: {string.Join(", ", guests)}.",
        All => $"Notifications: Google will email {what} to every guest of the event.",
        ExternalOnly when guests.Count > 0 => $"Notifications: Google will email {what} only to guests who do not use Google Calendar, among: {string.Join(", ", guests)}.",
        ExternalOnly => $"Notifications: Google will email {what} only to guests who do not use Google Calendar.",
        _ => "Notifications: none; no guest is emailed (send_updates: none). Guests still see the change in their calendars.",
    };
}
