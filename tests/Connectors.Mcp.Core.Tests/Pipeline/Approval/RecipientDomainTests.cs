using Connectors.Mcp.Core.Pipeline.Approval;

namespace Connectors.Mcp.Core.Tests.Pipeline.Approval;

/// <summary>
/// A recipient domain with a letter outside ASCII can look exactly like a Latin one (<c>exаmple.com</c>, Cyrillic
/// <c>а</c>): what the approver is shown about it.
/// </summary>
public sealed class RecipientDomainTests
{
    private const string CyrillicExample = "ex\u0430mple.com"; // exаmple.com: the third letter is U+0430 CYRILLIC SMALL LETTER A

    [Fact]
    public void Of_MixedScriptLookAlike_IsInternationalised_WithItsPunycodeForm_AndTheDomainItIsNot()
    {
        var domain = RecipientDomain.Of("bob@" + CyrillicExample)!;

        Assert.True(domain.IsInternationalised);
        Assert.True(domain.IsMixedScript);
        Assert.Equal("xn--exmple-4nf.com", domain.Ascii);
        Assert.Equal(CyrillicExample, domain.Unicode);
        Assert.Equal(["Latin", "Cyrillic"], domain.Scripts);
        Assert.Equal("example.com", domain.LatinLookAlike);
        Assert.Equal($"⚠ {CyrillicExample} is an internationalised domain (xn--exmple-4nf.com), mixing Latin and Cyrillic letters; it is not example.com.", domain.Warning);
    }

    [Fact]
    public void Of_WholeScriptLookAlike_IsNotMixed_ButStillNamesTheLatinDomainItIsNot()
    {
        var domain = RecipientDomain.Of("ceo@\u0430\u0440\u0440\u04cf\u0435.com")!; // аррӏе.com, every letter Cyrillic

        Assert.True(domain.IsInternationalised);
        Assert.False(domain.IsMixedScript);
        Assert.Equal("apple.com", domain.LatinLookAlike);
        Assert.EndsWith("; it is not apple.com.", domain.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_LegitimateInternationalDomain_IsWarnedAbout_WithoutClaimingALookAlike()
    {
        var domain = RecipientDomain.Of("kontakt@bücher.de")!;

        Assert.True(domain.IsInternationalised);
        Assert.False(domain.IsMixedScript); // ü is a Latin letter
        Assert.Equal("xn--bcher-kva.de", domain.Ascii);
        Assert.Null(domain.LatinLookAlike);
        Assert.Equal("⚠ bücher.de is an internationalised domain (xn--bcher-kva.de); check it letter by letter: it may look like a domain it is not.", domain.Warning);
    }

    [Fact]
    public void Of_PunycodeWrittenInAscii_IsTheSameDomain_AndShownInUnicodeToo()
    {
        var domain = RecipientDomain.Of("bob@XN--EXMPLE-4NF.com")!;

        Assert.True(domain.IsInternationalised);
        Assert.Equal("xn--exmple-4nf.com", domain.Ascii);
        Assert.Equal(CyrillicExample, domain.Unicode);
        Assert.Equal(RecipientDomain.Of("bob@" + CyrillicExample)!.Warning, domain.Warning);
    }

    [Theory]
    [InlineData("bob@example.com")]
    [InlineData("Bob@EXAMPLE.com")]
    [InlineData("bob@eu.acme-corp.co.uk")]
    public void Of_PlainAsciiDomain_HasNoWarning(string address)
    {
        var domain = RecipientDomain.Of(address)!;

        Assert.False(domain.IsInternationalised);
        Assert.False(domain.IsMixedScript);
        Assert.Null(domain.Warning);
        Assert.Equal(address, RecipientDomain.Annotate(address));
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("bob@")]
    [InlineData("bob@localhost")]
    [InlineData("")]
    public void Of_NoDomain_IsNull(string address) => Assert.Null(RecipientDomain.Of(address));

    [Fact]
    public void Annotate_PutsTheAsciiAddressBesideAnInternationalisedOne()
    {
        Assert.Equal($"bob@{CyrillicExample} (bob@xn--exmple-4nf.com)", RecipientDomain.Annotate("bob@" + CyrillicExample));
    }

    [Fact]
    public void Warnings_OncePerDomain_InTheOrderTheyAppear_PlainOnesLeftOut()
    {
        var warnings = RecipientDomain.Warnings(["a@example.com", "bob@" + CyrillicExample, "kontakt@bücher.de", "carol@" + CyrillicExample.ToUpperInvariant(), "dave@xn--exmple-4nf.com"]);

        Assert.Equal(2, warnings.Count);
        Assert.Contains("xn--exmple-4nf.com", warnings[0], StringComparison.Ordinal);
        Assert.Contains("xn--bcher-kva.de", warnings[1], StringComparison.Ordinal);
    }
}
