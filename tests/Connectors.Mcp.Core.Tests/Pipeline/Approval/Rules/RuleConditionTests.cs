using Connectors.Mcp.Core.Pipeline.Approval.Rules;

namespace Connectors.Mcp.Core.Tests.Pipeline.Approval.Rules;

public sealed class RuleConditionTests
{
    [Theory]
    [InlineData("always")]
    [InlineData("recipients-all-in:acme.com")]
    [InlineData("recipients-all-in:acme.com,acme.io,workspace")]
    [InlineData("recipients-any-outside:workspace")]
    [InlineData("recipients-any-outside:*.acme.com,acme.com")]
    [InlineData("argument:send_updates=none")]
    [InlineData("argument:add_meet_link=true")]
    [InlineData("argument:title=a=b")]
    [InlineData("argument:title=")]
    public void Parse_CanonicalText_RoundTrips(string text)
    {
        var condition = RuleCondition.Parse(text);

        Assert.Equal(text, condition.Text);
        Assert.Equal(text, condition.ToString());
        Assert.Equal(condition, RuleCondition.Parse(condition.Text));
    }

    [Theory]
    [InlineData("  always ", "always")]
    [InlineData("recipients-all-in: Acme.COM , @acme.io", "recipients-all-in:acme.com,acme.io")]
    [InlineData("recipients-all-in:acme.com,ACME.com,Workspace", "recipients-all-in:acme.com,workspace")]
    [InlineData("recipients-any-outside:*.Acme.Com", "recipients-any-outside:*.acme.com")]
    [InlineData("recipients-all-in:bücher.de", "recipients-all-in:xn--bcher-kva.de")]
    public void Parse_LooseText_GivesTheCanonicalForm(string text, string canonical) =>
        Assert.Equal(canonical, RuleCondition.Parse(text).Text);

    [Fact]
    public void Parse_GivesOneTypePerForm()
    {
        Assert.IsType<AlwaysCondition>(RuleCondition.Parse("always"));
        var allIn = Assert.IsType<RecipientsAllInCondition>(RuleCondition.Parse("recipients-all-in:acme.com,workspace"));
        Assert.Equal(["acme.com", "workspace"], allIn.Domains.Entries);
        Assert.IsType<RecipientsAnyOutsideCondition>(RuleCondition.Parse("recipients-any-outside:workspace"));
        var argument = Assert.IsType<ArgumentEqualsCondition>(RuleCondition.Parse("argument:send_updates=none"));
        Assert.Equal(("send_updates", "none"), (argument.Name, argument.Value));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("sometimes", "'sometimes' is none")]
    [InlineData("Always", "'Always' is none")]
    [InlineData("always:yes", "takes none")]
    [InlineData("recipients-all-in", "lists no domain")]
    [InlineData("recipients-all-in:", "lists no domain")]
    [InlineData("recipients-all-in:acme.com,,acme.io", "empty entry")]
    [InlineData("recipients-all-in:acme", "'acme' is not a domain")]
    [InlineData("recipients-all-in:acme.com.", "'acme.com.' is not a domain")]
    [InlineData("recipients-any-outside:bob@acme.com", "'bob@acme.com' is not a domain")]
    [InlineData("recipients-any-outside:*acme.com", "'*acme.com' is not a domain")]
    [InlineData("recipients-any-outside:acme_corp.com", "'acme_corp.com' is not a domain")]
    [InlineData("recipients-any-outside:10.0.0.1", "'10.0.0.1' is not a domain")]
    [InlineData("argument:send_updates", "needs NAME=VALUE")]
    [InlineData("argument:=none", "names the argument '', which is not")]
    [InlineData("argument:Send-Updates=none", "'Send-Updates', which is not a snake_case")]
    [InlineData("argument:idempotency_key=abc", "rules never see")]
    public void Parse_BadText_ThrowsFormatExceptionNamingTheProblemAndTheAcceptedForms(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => RuleCondition.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(RuleCondition.AcceptedForms, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VeryLongText_IsRefusedWithoutEchoingItAll()
    {
        var text = "recipients-all-in:" + string.Join(',', Enumerable.Range(0, 200).Select(i => $"d{i}.example.com"));

        var error = Assert.Throws<FormatException>(() => RuleCondition.Parse(text));

        Assert.Contains("longer than 1000 characters", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 600, error.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull() => Assert.Throws<ArgumentNullException>(() => RuleCondition.Parse(null!));
}
