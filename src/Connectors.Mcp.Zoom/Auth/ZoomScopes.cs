namespace Connectors.Mcp.Zoom.Auth;

/// <summary>The scopes the <c>zoom</c> type needs, and how Zoom's classic and granular scopes cover them.</summary>
internal static class ZoomScopes
{
    public const string MeetingRead = "meeting:read";
    public const string MeetingWrite = "meeting:write";

    /// <summary>Whether <paramref name="granted"/> gives what the classic scope <paramref name="requested"/> does.</summary>
    public static bool Covers(string granted, string requested)
    {
        if (string.Equals(granted, requested, StringComparison.Ordinal) || string.Equals(granted, requested + ":admin", StringComparison.Ordinal))
        {
            return true;
        }

        return requested switch
        {
            MeetingRead => granted.StartsWith("meeting:read:", StringComparison.Ordinal),
            MeetingWrite => granted.StartsWith("meeting:write:", StringComparison.Ordinal)
                || granted.StartsWith("meeting:update:", StringComparison.Ordinal)
                || granted.StartsWith("meeting:delete:", StringComparison.Ordinal),
            _ => false,
        };
    }
}
