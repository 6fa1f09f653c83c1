using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Core.Storage;

/// <summary>What a valid API key opens: its workspace, and the tools of it the key may see and call.</summary>
public sealed record ApiKeyMatch(Workspace Workspace, string KeyId, ToolScope Scope);
