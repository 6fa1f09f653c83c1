namespace Connectors.Mcp.Core.Storage;

/// <summary>The entity is not in a state that allows this (e.g. deciding an approval that is already decided).</summary>
public sealed class InvalidStateException(string message) : StoreException(message);
