namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// <c>recipients-any-outside:DOMAINS</c>: some recipient's domain is not in <see cref="Domains"/> (an address without
/// a readable domain counts as outside). A call without recipients does not match.
/// </summary>
public sealed record RecipientsAnyOutsideCondition(DomainSet Domains) : RuleCondition
{
    public const string Keyword = "recipients-any-outside";

    public override string Text => $"{Keyword}:{Domains.Text}";

    public override bool IsMetBy(RuleCall call) =>
        call.Recipients.Any(r => !Domains.Contains(DomainNames.DomainOf(r), call.WorkspaceDomains));
}
