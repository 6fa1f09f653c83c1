namespace Connectors.Mcp.Connectors.Scheduling;

/// <summary>A half-open interval of instants, [Start, End).</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool IsEmpty => End <= Start;

    public TimeSpan Length => End - Start;
}
