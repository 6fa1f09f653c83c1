namespace Connectors.Mcp.Connectors.Scheduling;

/// <summary>The slots found, in time order, and whether more would have fitted after the last one.</summary>
public sealed record SlotSearchResult(IReadOnlyList<TimeRange> Slots, bool HasMore);
