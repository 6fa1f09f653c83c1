namespace Connectors.Mcp.Core.Connectors;

/// <summary>What the approval gate does with a call to a tool.</summary>
public enum ApprovalPolicy
{
    /// <summary>Run without asking anyone.</summary>
    Auto,

    /// <summary>A person confirms first (elicitation, or the approval queue).</summary>
    Approve,

    /// <summary>Never run.</summary>
    Deny,
}
