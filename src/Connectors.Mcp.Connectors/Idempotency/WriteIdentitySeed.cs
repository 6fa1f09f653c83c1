using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Connectors.Idempotency;

/// <summary>
/// The input every family hashes into the provider-side identity of a write (a Message-ID, an event id, a Graph
/// <c>transactionId</c>): the call's idempotency key together with workspace, connector and action, so the same key
/// always names the same write and two connectors never collide. <c>null</c> when the call has no key.
/// </summary>
public static class WriteIdentitySeed
{
    public static string? Seed(ConnectorContext context, string action)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IdempotencyKey is { } key ? $"write-identity/v1\n{context.WorkspaceId}\n{context.ConnectorId}\n{action}\n{key}" : null;
    }
}
