using Connectors.Mcp.Core.Catalog.Discovery;

namespace Connectors.Mcp.Core.Tests.Catalog.Discovery;

public sealed class SuffixStemmerTests
{
    [Theory]
    // Plurals.
    [InlineData("calendars", "calendar")]
    [InlineData("labels", "label")]
    [InlineData("replies", "reply")]
    [InlineData("boxes", "box")]
    [InlineData("searches", "search")]
    [InlineData("addresses", "address")]
    [InlineData("messages", "messag")]
    [InlineData("attendees", "attende")]
    // -ing, -ed, with undoubling.
    [InlineData("meeting", "meet")]
    [InlineData("meetings", "meet")]
    [InlineData("booked", "book")]
    [InlineData("replied", "reply")]
    [InlineData("stopped", "stop")]
    [InlineData("running", "run")]
    [InlineData("calling", "call")]
    // Final e, so every form of a verb meets.
    [InlineData("schedule", "schedul")]
    [InlineData("scheduled", "schedul")]
    [InlineData("scheduling", "schedul")]
    [InlineData("create", "creat")]
    [InlineData("created", "creat")]
    [InlineData("creates", "creat")]
    public void Stem_FoldsFormsOfOneWord(string word, string stem) => Assert.Equal(stem, SuffixStemmer.Stem(word));

    [Theory]
    [InlineData("status")]
    [InlineData("address")]
    [InlineData("this")]
    [InlineData("need")]
    [InlineData("string")]
    [InlineData("going")]
    [InlineData("bus")]
    [InlineData("see")]
    [InlineData("gmail")]
    public void Stem_LeavesWordsThatOnlyLookInflected(string word) => Assert.Equal(word, SuffixStemmer.Stem(word));

    [Theory]
    [InlineData("invite", "invites", "invited", "inviting")]
    [InlineData("move", "moves", "moved", "moving")]
    [InlineData("delete", "deletes", "deleted", "deleting")]
    [InlineData("label", "labels", "labeled", "labeling")]
    public void Stem_AllFormsOfAVerb_AreOneStem(params string[] forms) =>
        Assert.Single(forms.Select(SuffixStemmer.Stem).Distinct());
}
