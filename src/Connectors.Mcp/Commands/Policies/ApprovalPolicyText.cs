using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Commands.Policies;

/// <summary>A policy named on the command line (<see cref="ApprovalPolicyNames"/>); a usage error otherwise.</summary>
internal static class ApprovalPolicyText
{
    public static ApprovalPolicy Parse(string name) => ApprovalPolicyNames.TryParse(name, out var policy)
        ? policy
        : throw new UsageException($"Unknown policy '{name}'. Valid policies: {string.Join(", ", ApprovalPolicyNames.All)}.");
}
