namespace Connectors.Mcp.Core.Storage;

/// <summary>
/// This process's master key is not the one the shared database was first used with: refused at start, before the
/// process stores anything the others could not read. The message says how to fix it and never shows a key.
/// </summary>
public sealed class MasterKeyMismatchException(string message) : StoreException(message);
