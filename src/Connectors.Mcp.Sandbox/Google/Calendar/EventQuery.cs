namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>The query parameters of events.list that the fake honours.</summary>
internal sealed record EventQuery(
    DateTimeOffset? TimeMin,
    DateTimeOffset? TimeMax,
    string? Text,
    int MaxResults,
    int Offset,
    bool SingleEvents,
    bool OrderByStartTime,
    TimeZoneInfo? TimeZone);
