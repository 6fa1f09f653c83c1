namespace Connectors.Mcp.Google.Calendar.Slots;

/// <summary>A half-open interval of instants, [Start, End).</summary>
internal readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool IsEmpty => End <= Start;

    public TimeSpan Length => End - Start;
}
