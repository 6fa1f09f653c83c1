using Connectors.Mcp.Core.Catalog.Discovery;

namespace Connectors.Mcp.Core.Tests.Catalog.Discovery;

public sealed class SearchTextTests
{
    [Fact]
    public void Terms_SplitOnAnythingButLettersAndDigits_LowerCase_AndStem()
    {
        Assert.Equal(["gmail", "send", "email"], SearchText.Terms("gmail_send_email"));
        Assert.Equal(["list", "calendar", "event", "googl"], SearchText.Terms("List calendar events (Google)"));
    }

    [Fact]
    public void Terms_DropStopWords_OneLetterWords_AndNumbers()
    {
        Assert.Equal(["calendar", "tuesday"], SearchText.Terms("what's on my calendar Tuesday"));
        Assert.Equal(["cancel", "tomorrow"], SearchText.Terms("cancel tomorrow's 1:1"));
        Assert.Equal(["q3", "deck"], SearchText.Terms("the Q3 deck, 2026"));
    }

    [Fact]
    public void Terms_ApostropheInsideAWord_IsDropped_SoPossessivesStem()
    {
        Assert.Equal(["anna", "messag"], SearchText.Terms("Anna's message\u2019s"));
    }

    [Theory]
    [InlineData("3pm")]
    [InlineData("10am")]
    [InlineData("12PM")]
    public void Terms_ClockTime_IsTheWordTime(string clock) => Assert.Equal([SuffixStemmer.Stem("time")], SearchText.Terms(clock));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!, -- 42 12:30")]
    [InlineData("the of and to")]
    public void Terms_OfTextWithNoWord_AreNone(string text) => Assert.Empty(SearchText.Terms(text));

    [Fact]
    public void Terms_WordLongerThanTheMaximum_IsDropped()
    {
        var longWord = new string('x', SearchText.MaxWordLength + 1);

        Assert.Equal(["email"], SearchText.Terms($"{longWord} email"));
    }
}
