using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Hosting;

/// <summary>What a request is bound to: its workspace, and the tools of it the credential may see and call.</summary>
public sealed record SessionBinding(string WorkspaceId, ToolScope Scope);
