using Connectors.Mcp.Core.Pipeline.Approval.Rules;

namespace Connectors.Mcp.Core.Tests.Pipeline.Approval.Rules;

public sealed class ToolPatternTests
{
    [Theory]
    [InlineData("gmail_send_email", "gmail_send_email", true)]
    [InlineData("gmail_send_email", "gmail_send_email2", false)]
    [InlineData("gmail_send_email", "work_gmail_send_email", false)]
    [InlineData("gmail_send_email", "Gmail_send_email", false)]
    [InlineData("*", "anything_at_all", true)]
    [InlineData("*delete*", "google_calendar_delete_event", true)]
    [InlineData("*delete*", "delete", true)]
    [InlineData("*delete*", "gmail_send_email", false)]
    [InlineData("gmail_*", "gmail_create_draft", true)]
    [InlineData("gmail_*", "work_gmail_create_draft", false)]
    [InlineData("*_send_email", "work_mail_send_email", true)]
    [InlineData("*_send_email", "work_mail_send_email_later", false)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "abcab", false)]
    [InlineData("a**c", "ac", true)]
    [InlineData("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void Matches_WholeNameWithStarWildcards(string pattern, string tool, bool expected) =>
        Assert.Equal(expected, ToolPattern.Matches(pattern, tool));

    [Theory]
    [InlineData("")]
    [InlineData("gmail send")]
    [InlineData("gmail_?")]
    [InlineData("gmail_[a]")]
    [InlineData("gmail\n")]
    public void Validate_RefusesWhatIsNotAToolPattern(string pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => ToolPattern.Validate(pattern, "tool"));

        Assert.Contains("is not a tool pattern", error.Message, StringComparison.Ordinal);
        Assert.Equal("tool", error.ParamName);
    }

    [Fact]
    public void Validate_AcceptsNamesAndGlobs()
    {
        Assert.Equal("gmail_send_email", ToolPattern.Validate("gmail_send_email", "tool"));
        Assert.Equal("*delete*", ToolPattern.Validate("*delete*", "tool"));
        Assert.Throws<ArgumentException>(() => ToolPattern.Validate(new string('a', ToolPattern.MaxLength + 1), "tool"));
    }
}
