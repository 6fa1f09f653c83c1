using Connectors.Mcp.Core.Connectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Mcp.Zoom.Tests.TestSupport;

/// <summary>A connector context for code that reads only its ids and idempotency key (no HTTP, no tokens).</summary>
internal static class PlainContext
{
    public static ConnectorContext For(string? idempotencyKey) => new()
    {
        WorkspaceId = "ws_test",
        ConnectorId = "con_test",
        ConnectorName = "zoom",
        Settings = ConnectorSettings.Empty,
        Credentials = new InMemoryConnectorCredentials(null),
        Time = TimeProvider.System,
        LoggerFactory = NullLoggerFactory.Instance,
        HttpHandlerFactory = () => throw new InvalidOperationException("No HTTP here."),
        IdempotencyKey = idempotencyKey,
    };
}
