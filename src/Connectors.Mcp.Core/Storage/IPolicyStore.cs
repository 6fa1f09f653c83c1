using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.Storage;

/// <summary>Per-workspace approval policy overrides, by tool name.</summary>
public interface IPolicyStore
{
    /// <summary>
    /// Sets the policy for a tool; bumps the workspace's catalog version and records the change (old and new policy)
    /// for <paramref name="actor"/> in <see cref="IOperatorAuditLog"/>, all in one transaction.
    /// </summary>
    Task SetAsync(string workspaceId, string toolName, ApprovalPolicy policy, OperatorActor actor, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, ApprovalPolicy>> GetAllAsync(string workspaceId, CancellationToken cancellationToken);
}
