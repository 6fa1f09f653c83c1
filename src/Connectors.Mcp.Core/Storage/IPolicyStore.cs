using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.Storage;

/// <summary>Per-workspace approval policy overrides, by tool name.</summary>
public interface IPolicyStore
{
    /// <summary>Sets the policy for a tool; bumps the workspace's catalog version.</summary>
    Task SetAsync(string workspaceId, string toolName, ApprovalPolicy policy, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, ApprovalPolicy>> GetAllAsync(string workspaceId, CancellationToken cancellationToken);
}
