namespace Connectors.Mcp.Core.Catalog.Discovery;

/// <summary>
/// A search query that cannot be searched: longer than <see cref="ToolSearchIndex.MaxQueryLength"/>, or with no
/// searchable word in it (empty, only punctuation or numbers, only words like "the"). The message says what to send
/// instead, so it can be returned to the agent as a tool error.
/// </summary>
public sealed class ToolSearchQueryException(string message) : Exception(message);
