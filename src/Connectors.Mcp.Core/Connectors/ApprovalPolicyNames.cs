namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// The one spelling of <see cref="ApprovalPolicy"/> — <c>auto</c>, <c>approve</c>, <c>deny</c> — used by the database,
/// the CLI, the admin API and tool results alike.
/// </summary>
public static class ApprovalPolicyNames
{
    public static IReadOnlyList<string> All { get; } = ["auto", "approve", "deny"];

    public static string ToName(this ApprovalPolicy policy) => policy switch
    {
        ApprovalPolicy.Auto => "auto",
        ApprovalPolicy.Approve => "approve",
        ApprovalPolicy.Deny => "deny",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    public static bool TryParse(string? name, out ApprovalPolicy policy)
    {
        (var known, policy) = name switch
        {
            "auto" => (true, ApprovalPolicy.Auto),
            "approve" => (true, ApprovalPolicy.Approve),
            "deny" => (true, ApprovalPolicy.Deny),
            _ => (false, default),
        };
        return known;
    }

    /// <exception cref="FormatException">Not one of <see cref="All"/>.</exception>
    public static ApprovalPolicy Parse(string name) =>
        TryParse(name, out var policy) ? policy : throw new FormatException($"Unknown approval policy '{name}'.");
}
