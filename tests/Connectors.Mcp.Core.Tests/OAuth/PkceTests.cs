using System.Text.RegularExpressions;
using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Core.Tests.OAuth;

public sealed partial class PkceTests
{
    [Fact]
    public void Challenge_Rfc7636AppendixBVector_MatchesTheRfc()
    {
        // RFC 7636 Appendix B: the S256 example.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        Assert.Equal("S256", Pkce.Method);
    }

    [Fact]
    public void CreateVerifier_Is43UnreservedCharacters_AndNewEachTime()
    {
        var verifiers = Enumerable.Range(0, 100).Select(_ => Pkce.CreateVerifier()).ToList();

        Assert.All(verifiers, v => Assert.Matches(UnreservedVerifier(), v));
        Assert.Equal(100, verifiers.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Challenge_IsUnpaddedBase64UrlOfSha256()
    {
        var challenge = Pkce.Challenge(Pkce.CreateVerifier());

        Assert.Equal(43, challenge.Length);
        Assert.DoesNotContain('=', challenge);
        Assert.DoesNotContain('+', challenge);
        Assert.DoesNotContain('/', challenge);
    }

    // RFC 7636 §4.1: code-verifier = 43*128unreserved.
    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}$")]
    private static partial Regex UnreservedVerifier();
}
