using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Gmail.Mime;

namespace Connectors.Mcp.Google.Tests.Gmail.Mime;

public sealed class RecipientAddressTests
{
    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("user_1-x@xn--bcher-kva.example")]
    [InlineData("UPPER@Example.COM")]
    public void Parse_BareAddress_IsAccepted(string value)
    {
        var mailbox = RecipientAddress.Parse("to", 0, value);

        Assert.Equal(value, mailbox.GetAddress(idnEncode: true), ignoreCase: true);
        Assert.True(string.IsNullOrEmpty(mailbox.Name));
    }

    [Theory]
    [MemberData(nameof(HeaderInjectionCases.BadAddresses), MemberType = typeof(HeaderInjectionCases))]
    public void Parse_AnythingButOneBareAddress_IsRejectedNamingTheItem(string value)
    {
        var error = Assert.Throws<ConnectorValidationException>(() => RecipientAddress.Parse("cc", 3, value));

        Assert.Equal("cc[3]", error.Field);
        Assert.Contains("cc[3]", error.Message);
        Assert.Equal("invalid_arguments", error.Code);
    }

    [Theory]
    [InlineData("Hello\r\nBcc: evil@evil.test")]
    [InlineData("Hello\nX-Injected: yes")]
    [InlineData("Hello\rBcc: evil@evil.test")]
    [InlineData("Hello\u0000world")]
    public void Subject_WithLineBreakOrControlCharacter_IsRejected(string subject)
    {
        var error = Assert.Throws<ConnectorValidationException>(() => EmailSubject.Validate("subject", subject));

        Assert.Equal("subject", error.Field);
    }

    [Fact]
    public void Subject_WithTabAndUnicode_IsAccepted() =>
        Assert.Equal("Résumé\tv2 🍜", EmailSubject.Validate("subject", "Résumé\tv2 🍜"));
}
