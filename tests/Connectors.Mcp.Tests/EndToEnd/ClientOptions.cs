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

    /// <summary>
    /// The revision an initialize client speaks: it gets an HTTP session (tools/list_changed, elicitation/create). Left
    /// unset, the C# client speaks 2026-07-28, which the server serves per request without a session.
    /// </summary>
    public const string SessionProtocol = "2025-11-25";

    /// <summary>The revision without sessions: input requests (MRTR) instead of elicitation/create.</summary>
    public const string StatelessProtocol = "2026-07-28";

    /// <summary><paramref name="options"/> pinned to <paramref name="protocolVersion"/> (no fallback to another revision).</summary>
    public static McpClientOptions Speaking(this McpClientOptions options, string protocolVersion)
    {
        options.ProtocolVersion = protocolVersion;
        return options;
    }

    /// <summary>A client that answers <c>elicitation/create</c> (or an input request) with <paramref name="handler"/>.</summary>
    public static McpClientOptions Eliciting(Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> handler)
    {
        var options = Plain();
        options.Handlers.ElicitationHandler = handler;
        return options;
    }
}
