using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Connectors.Idempotency;

/// <summary>
/// The seed every family derives the provider-side identity of a write from (Gmail's Message-ID, Calendar's event id,
/// Outlook's internetMessageId, an Outlook event's transactionId): the call's idempotency key (<see cref="ConnectorContext.IdempotencyKey"/>) with
/// workspace, connector and action, so the same key always names the same provider object and an ambiguous write can be
/// found again. <c>null</c> when the call has no key. Changing this text changes every derived identity.
/// </summary>
public static class WriteIdentitySeed
{
    public static string? For(ConnectorContext context, string action) =>
        context.IdempotencyKey is { } key ? $"write-identity/v1\n{context.WorkspaceId}\n{context.ConnectorId}\n{action}\n{key}" : null;
}
