using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Whether the HTTP server serves one workspace without API keys (loopback only; every request gets
/// <see cref="SingleWorkspaceScope"/>) or many, by API key (each key's own scope).
/// </summary>
public sealed record HttpWorkspaceMode(Workspace? SingleWorkspace, ToolScope SingleWorkspaceScope);
