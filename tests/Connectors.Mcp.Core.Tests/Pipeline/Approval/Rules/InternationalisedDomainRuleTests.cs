using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Tests.Connectors;

namespace Connectors.Mcp.Core.Tests.Pipeline.Approval.Rules;

/// <summary>
/// Rules compare a recipient's domain in its ASCII (punycode) form: <c>bob@exаmple.com</c> with a Cyrillic <c>а</c> is
/// <c>xn--exmple-4nf.com</c>, never <c>example.com</c>; a rule that names that form (or writes it in Unicode) matches it.
/// </summary>
public sealed class InternationalisedDomainRuleTests
{
    private const string CyrillicAddress = "bob@ex\u0430mple.com";

    private static readonly ConnectorAction SendEmail = new()
    {
        Name = "send_email",
        Title = "send_email",
        Description = "send_email",
        InputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone(),
        OutputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone(),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = NotRunHandler.Instance,
        RecipientArguments = ["to", "cc", "bcc"],
    };

    [Fact]
    public void CyrillicLookAlike_IsComparedAsPunycode_TheSameFormTheApproverIsShown()
    {
        Assert.Equal("xn--exmple-4nf.com", DomainNames.DomainOf(CyrillicAddress));
        Assert.Equal(DomainNames.DomainOf(CyrillicAddress), RecipientDomain.Of(CyrillicAddress)!.Ascii);
    }

    [Theory]
    [InlineData("recipients-all-in:example.com", false)]
    [InlineData("recipients-all-in:*.example.com", false)]
    [InlineData("recipients-all-in:workspace", false)]
    [InlineData("recipients-all-in:xn--exmple-4nf.com", true)]
    [InlineData("recipients-all-in:XN--EXMPLE-4NF.COM", true)]
    [InlineData("recipients-all-in:ex\u0430mple.com", true)]
    [InlineData("recipients-any-outside:example.com", true)]
    [InlineData("recipients-any-outside:workspace", true)]
    [InlineData("recipients-any-outside:xn--exmple-4nf.com", false)]
    public void Rule_MatchesTheCyrillicDomainOnlyByItsOwnName(string condition, bool matches)
    {
        var rule = new ApprovalRule("rul_1", "ws_test", 1, "*", RuleCondition.Parse(condition), ApprovalPolicy.Auto, null, DateTimeOffset.UnixEpoch);
        var arguments = new JsonObject { ["to"] = new JsonArray(CyrillicAddress) };

        var matched = RuleEvaluator.FirstMatch([rule], "gmail_send_email", SendEmail, arguments, ["example.com"]);

        Assert.Equal(matches, matched is not null);
    }
}
