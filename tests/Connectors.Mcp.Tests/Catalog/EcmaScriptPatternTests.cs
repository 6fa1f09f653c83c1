namespace Connectors.Mcp.Tests.Catalog;

/// <summary>The pattern check itself: it must pass portable patterns and catch what Ajv (unicode mode) would reject.</summary>
public sealed class EcmaScriptPatternTests
{
    [Theory]
    [InlineData("^[A-Za-z0-9_-]{1,256}$")]
    [InlineData("""^[^\s@,;<>"()\[\]\\:]+@[^\s@,;<>"()\[\]\\:]+$""")]
    [InlineData(@"^\d{4}-\d{2}-\d{2}T")]
    [InlineData(@"^(?:ab|cd)+?(?=x)(?!y)(?<=z)(?<!w)$")]
    [InlineData(@"^(?<year>\d{4})-\k<year>$")]
    [InlineData(@"^\u00e9\x41\p{L}[\b\-]\/$")]
    [InlineData(@"a{2,}b{3}c{1,5}?")]
    public void Problems_PortablePattern_None(string pattern)
    {
        Assert.Empty(EcmaScriptPattern.Problems(pattern));
    }

    [Theory]
    [InlineData("(?i)abc", "not ECMAScript")]
    [InlineData(@"\Aabc\z", ".NET-only anchor")]
    [InlineData(@"abc\Z", ".NET-only anchor")]
    [InlineData("(?>a+)b", "not ECMAScript")]
    [InlineData("a++b", "nothing to repeat")]
    [InlineData("a*+", "nothing to repeat")]
    [InlineData("(?'name'a)", "not ECMAScript")]
    [InlineData("[a-z-[aeiou]]", "subtraction")]
    [InlineData(@"\p{IsGreek}", "block names")]
    [InlineData(@"a\@b", "not an ECMAScript escape")]
    [InlineData(@"a\-b", "inside a character class")]
    [InlineData("a{b", "lone '{'")]
    [InlineData("a]b", "lone ']'")]
    [InlineData(@"[\1]", "octal")]
    [InlineData("(ab", "not closed")]
    [InlineData(@"\u{1F600}", ".NET cannot compile it")]
    public void Problems_NotPortable_Flagged(string pattern, string expected)
    {
        var problems = EcmaScriptPattern.Problems(pattern);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }
}
