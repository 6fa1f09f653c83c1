using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Hosting;

/// <summary>Whether the HTTP server serves one workspace without API keys (loopback only) or many, by API key.</summary>
public sealed record HttpWorkspaceMode(Workspace? SingleWorkspace);
