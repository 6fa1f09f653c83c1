using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Microsoft.Calendar.Parsing;

/// <summary>
/// The bounds of an event's free-text arguments in Outlook (a Graph event subject is at most 255 characters), checked with <see cref="FreeText"/>: title and location
/// one line, the description multi-line.
/// </summary>
internal static class EventText
{
    public const int MaxTitleLength = 255;
    public const int MaxLocationLength = 1024;
    public const int MaxDescriptionLength = 8000;
}
