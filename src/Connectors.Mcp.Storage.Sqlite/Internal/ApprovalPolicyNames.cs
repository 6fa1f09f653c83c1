using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>The database spelling of <see cref="ApprovalPolicy"/> (<c>auto</c>, <c>approve</c>, <c>deny</c>).</summary>
internal static class ApprovalPolicyNames
{
    public static string ToName(ApprovalPolicy policy) => policy switch
    {
        ApprovalPolicy.Auto => "auto",
        ApprovalPolicy.Approve => "approve",
        ApprovalPolicy.Deny => "deny",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    public static ApprovalPolicy Parse(string name) => name switch
    {
        "auto" => ApprovalPolicy.Auto,
        "approve" => ApprovalPolicy.Approve,
        "deny" => ApprovalPolicy.Deny,
        _ => throw new FormatException($"Unknown approval policy '{name}'."),
    };
}
