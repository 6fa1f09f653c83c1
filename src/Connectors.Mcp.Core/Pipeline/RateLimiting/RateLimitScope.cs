namespace Connectors.Mcp.Core.Pipeline.RateLimiting;

/// <summary>Which bucket refused a call.</summary>
public enum RateLimitScope
{
    Workspace,
    Connector,
}
