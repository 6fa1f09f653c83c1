namespace Connectors.Mcp.Google.Calendar.Slots;

/// <summary>The slots found, in time order, and whether more would have fitted after the last one.</summary>
internal sealed record SlotSearchResult(IReadOnlyList<TimeRange> Slots, bool HasMore);
