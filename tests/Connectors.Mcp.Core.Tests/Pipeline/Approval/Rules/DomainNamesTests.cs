using Connectors.Mcp.Core.Pipeline.Approval.Rules;

namespace Connectors.Mcp.Core.Tests.Pipeline.Approval.Rules;

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData("bob@acme.com", "acme.com")]
    [InlineData("Bob@ACME.Com", "acme.com")]
    [InlineData("bob@acme.com.evil.com", "acme.com.evil.com")]
    [InlineData("bob@bücher.de", "xn--bcher-kva.de")]
    [InlineData("bob@аcme.com", "xn--cme-5cd.com")]
    [InlineData("bob", null)]
    [InlineData("bob@", null)]
    [InlineData("bob@localhost", null)]
    [InlineData("bob@acme.com.", null)]
    [InlineData("bob@-acme.com", null)]
    [InlineData("", null)]
    public void DomainOf_IsThePartAfterTheLastAt_Canonical(string address, string? expected) =>
        Assert.Equal(expected, DomainNames.DomainOf(address));

    [Fact]
    public void Normalize_RefusesWhatIsNotADomain_NamingIt()
    {
        Assert.Equal("acme.com", DomainNames.Normalize("ACME.com", "domains"));
        var error = Assert.Throws<ArgumentException>(() => DomainNames.Normalize("acme com", "domains"));
        Assert.Contains("'acme com' is not a domain name", error.Message, StringComparison.Ordinal);
        Assert.Equal("domains", error.ParamName);
    }
}
