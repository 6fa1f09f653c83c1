using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Commands.Policies;

/// <summary>The CLI spelling of <see cref="ApprovalPolicy"/>: <c>auto</c>, <c>approve</c>, <c>deny</c>.</summary>
internal static class ApprovalPolicyText
{
    public static readonly string[] Names = Enum.GetValues<ApprovalPolicy>().Select(Name).ToArray();

    public static string Name(ApprovalPolicy policy) => policy.ToString().ToLowerInvariant();

    public static ApprovalPolicy Parse(string name)
    {
        foreach (var policy in Enum.GetValues<ApprovalPolicy>())
        {
            if (Name(policy) == name)
            {
                return policy;
            }
        }

        throw new UsageException($"Unknown policy '{name}'. Valid policies: {string.Join(", ", Names)}.");
    }
}
