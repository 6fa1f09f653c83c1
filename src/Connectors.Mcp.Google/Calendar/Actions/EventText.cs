using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// The bounds of an event's free-text arguments in Google Calendar, checked with <see cref="FreeText"/>: title and location
/// one line, the description multi-line.
/// </summary>
internal static class EventText
{
    public const int MaxTitleLength = 1024;
    public const int MaxLocationLength = 1024;
    public const int MaxDescriptionLength = 8000;
}
