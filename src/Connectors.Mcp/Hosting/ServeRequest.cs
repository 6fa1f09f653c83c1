using Connectors.Mcp.Composition;

namespace Connectors.Mcp.Hosting;

/// <summary>What <c>connectors-mcp serve</c> was asked to do, already parsed and checked for shape.</summary>
public sealed record ServeRequest(
    AppHome Home,
    bool Stdio,
    string? WorkspaceSlug,
    string Urls,
    bool Sandbox);
