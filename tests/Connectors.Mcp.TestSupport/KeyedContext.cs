using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.TestSupport;

/// <summary>A copy of a connector context carrying an idempotency key, as the pipeline gives a write.</summary>
public static class KeyedContext
{
    public static ConnectorContext WithKey(this ConnectorContext context, string? key) => new()
    {
        WorkspaceId = context.WorkspaceId,
        ConnectorId = context.ConnectorId,
        ConnectorName = context.ConnectorName,
        Settings = context.Settings,
        Credentials = context.Credentials,
        OAuthClient = context.OAuthClient,
        Time = context.Time,
        LoggerFactory = context.LoggerFactory,
        HttpHandlerFactory = context.HttpHandlerFactory,
        IdempotencyKey = key,
    };
}
