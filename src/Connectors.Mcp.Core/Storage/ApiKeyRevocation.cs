namespace Connectors.Mcp.Core.Storage;

/// <summary>The outcome of revoking a key: the key as stored now, and whether it had been revoked before this request.</summary>
public sealed record ApiKeyRevocation(ApiKey Key, bool WasAlreadyRevoked);
