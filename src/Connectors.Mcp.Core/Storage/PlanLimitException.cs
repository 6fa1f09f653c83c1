namespace Connectors.Mcp.Core.Storage;

/// <summary>The workspace's plan does not allow this (e.g. a fourth connector on free).</summary>
public sealed class PlanLimitException(string message) : StoreException(message);
