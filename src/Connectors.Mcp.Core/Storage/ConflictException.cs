namespace Connectors.Mcp.Core.Storage;

/// <summary>A unique name is taken (workspace slug, connector name).</summary>
public sealed class ConflictException(string message) : StoreException(message);
