using Microsoft.Kiota.Abstractions;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary>
/// The <c>Prefer</c> headers of event reads: <c>outlook.timezone="…"</c> (Graph writes every start and end as wall-clock
/// time in that zone, and answers <c>Preference-Applied</c>) and <c>outlook.body-content-type="text"</c> (an HTML body
/// comes back as text).
/// </summary>
internal static class CalendarPrefer
{
    public static void Apply(RequestHeaders headers, string timeZone)
    {
        headers.Add("Prefer", $"outlook.timezone=\"{timeZone}\"");
        headers.Add("Prefer", "outlook.body-content-type=\"text\"");
    }
}
