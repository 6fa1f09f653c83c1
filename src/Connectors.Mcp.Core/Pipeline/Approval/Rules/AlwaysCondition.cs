namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary><c>always</c>: every call of the rule's tools.</summary>
public sealed record AlwaysCondition : RuleCondition
{
    public const string Keyword = "always";

    public override string Text => Keyword;

    public override bool IsMetBy(RuleCall call) => true;
}
