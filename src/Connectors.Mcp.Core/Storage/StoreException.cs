namespace Connectors.Mcp.Core.Storage;

/// <summary>A request the store refuses for a reason the user can fix; the message says what to do.</summary>
public class StoreException(string message) : Exception(message);
