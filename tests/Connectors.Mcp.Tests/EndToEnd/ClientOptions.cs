using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>The MCP client options the end-to-end tests connect with.</summary>
public static class ClientOptions
{
    /// <summary>A client that declares no elicitation (so gated tools queue an approval).</summary>
    public static McpClientOptions Plain() => new()
    {
        ClientInfo = new Implementation { Name = "e2e-tests", Version = "1.0.0" },
    };

    /// <summary>A client that answers <c>elicitation/create</c> with <paramref name="handler"/>.</summary>
    public static McpClientOptions Eliciting(Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> handler)
    {
        var options = Plain();
        options.Handlers.ElicitationHandler = handler;
        return options;
    }
}
