using Connectors.Mcp.Core.Catalog.Discovery;

namespace Connectors.Mcp.Core.Tests.Catalog.Discovery;

public sealed class SearchVocabularyTests
{
    [Fact]
    public void EveryWord_SurvivesTheAnalyser_SoNoRuleIsDeadWeight()
    {
        var lost = SearchVocabulary.Words().Where(w => SearchText.Terms(w).Count == 0).ToList();

        Assert.True(lost.Count == 0, $"These vocabulary words are stop words or dropped by SearchText, so their rules never fire: {string.Join(", ", lost)}");
    }

    [Fact]
    public void Expand_KeepsTheQueryTerm_AtFullWeight_AndAddsRelatedOnesLower()
    {
        var expanded = SearchVocabulary.Expand(SearchText.Terms("email")).ToDictionary(e => e.Term, e => e.Weight);

        Assert.Equal(1.0, expanded["email"]);
        Assert.Equal(SearchVocabulary.SameWeight, expanded["mail"]);
        Assert.Equal(SearchVocabulary.SameWeight, expanded[SuffixStemmer.Stem("message")]);
    }

    [Fact]
    public void Expand_SameGroup_IsSymmetric()
    {
        foreach (var (a, b) in new[] { ("meeting", "event"), ("guest", "attendee"), ("cancel", "delete"), ("find", "search") })
        {
            Assert.Contains(SearchVocabulary.Expand(SearchText.Terms(a)), e => e.Term == SearchText.Terms(b)[0]);
            Assert.Contains(SearchVocabulary.Expand(SearchText.Terms(b)), e => e.Term == SearchText.Terms(a)[0]);
        }
    }

    [Fact]
    public void Expand_ImpliedWords_GoOneWay()
    {
        var schedule = SearchVocabulary.Expand(SearchText.Terms("schedule")).ToDictionary(e => e.Term, e => e.Weight);
        var create = SearchVocabulary.Expand(SearchText.Terms("create")).Select(e => e.Term);

        Assert.Equal(SearchVocabulary.ImpliesWeight, schedule[SuffixStemmer.Stem("create")]);
        Assert.Equal(SearchVocabulary.ImpliesWeight, schedule["event"]);
        Assert.DoesNotContain(SuffixStemmer.Stem("schedule"), create);
    }

    [Fact]
    public void Expand_TermReachedTwice_KeepsItsHighestWeight_AndIsListedOnce_InOrder()
    {
        // "meeting" is a query term (1.0) and also related to "event" (0.6).
        var expanded = SearchVocabulary.Expand(SearchText.Terms("event meeting meeting"));

        Assert.Equal(1.0, expanded.Single(e => e.Term == "meet").Weight);
        Assert.Equal(expanded.Select(e => e.Term).Order(StringComparer.Ordinal), expanded.Select(e => e.Term));
    }

    [Fact]
    public void Expand_UnknownWord_IsJustItself() =>
        Assert.Equal([("xyzzy", 1.0)], SearchVocabulary.Expand(["xyzzy"]));
}
