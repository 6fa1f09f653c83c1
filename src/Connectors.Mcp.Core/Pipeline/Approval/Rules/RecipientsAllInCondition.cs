namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// <c>recipients-all-in:DOMAINS</c>: the call has at least one recipient, and every recipient's domain is in
/// <see cref="Domains"/>. A call without recipients does not match: auto-approving needs positive evidence.
/// </summary>
public sealed record RecipientsAllInCondition(DomainSet Domains) : RuleCondition
{
    public const string Keyword = "recipients-all-in";

    public override string Text => $"{Keyword}:{Domains.Text}";

    public override bool IsMetBy(RuleCall call) =>
        call.Recipients.Count > 0 && call.Recipients.All(r => Domains.Contains(DomainNames.DomainOf(r), call.WorkspaceDomains));
}
