using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Hosting;

/// <summary>What <c>connectors-mcp serve</c> was asked to do, already parsed and checked for shape.</summary>
public sealed record ServeRequest(
    AppHome Home,
    bool Stdio,
    string? WorkspaceSlug,
    string Urls,
    bool Sandbox)
{
    /// <summary>
    /// The tools of the served workspace a client may see and call (<c>--read-only</c>, <c>--tools</c>), for stdio and
    /// single-workspace HTTP; when serving many workspaces each API key carries its own scope instead.
    /// </summary>
    public ToolScope WorkspaceScope { get; init; } = ToolScope.Full;

    /// <summary>
    /// <c>serve --http --stateless</c>: no MCP sessions at all (<c>HttpServerSessionMode.Stateless</c>), so any instance
    /// behind a load balancer without affinity can answer any request. Without it, 2026-07-28 clients are served per
    /// request and older (initialize) clients get a session (<c>StatefulForInitializeClients</c>).
    /// </summary>
    public bool Stateless { get; init; }
}
