namespace Connectors.Mcp.Core.Storage;

/// <summary>The named workspace, connector, approval … does not exist.</summary>
public sealed class EntityNotFoundException(string message) : StoreException(message);
