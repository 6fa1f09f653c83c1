using System.Text.Json;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Catalog.Discovery;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Core.Tests.Catalog.Discovery;

public sealed class ToolSearchIndexTests
{
    private static readonly JsonElement Empty = Schema("""{"type":"object","additionalProperties":false}""");

    [Fact]
    public void Search_RanksByRelevance_BestFirst_WithPositiveScores()
    {
        var index = new ToolSearchIndex([
            Tool("mail_send_email", "Send an email", "Send an email to recipients."),
            Tool("calendar_list_events", "List events", "List calendar events in a time window."),
            Tool("calendar_create_event", "Create an event", "Create a calendar event."),
        ]);

        var hits = index.Search("list my calendar events", 3);

        Assert.Equal("calendar_list_events", hits[0].Tool.Name);
        Assert.All(hits, h => Assert.True(h.Score > 0));
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.DoesNotContain(hits, h => h.Tool.Name == "mail_send_email");
    }

    [Fact]
    public void Search_NameAndTitle_OutweighDescription_WhichOutweighsArguments()
    {
        var index = new ToolSearchIndex([
            Tool("x_archive", "Archive", "Does a thing."),
            Tool("x_other", "Other", "Can archive things."),
            Tool("x_third", "Third", "Does a thing.", Schema("""{"type":"object","properties":{"archive":{"type":"boolean","description":"Archive it."}}}""")),
            Tool("x_fourth", "Fourth", "Does something else."),
        ]);

        var hits = index.Search("archive", 10);

        Assert.Equal(["x_archive", "x_other", "x_third"], hits.Select(h => h.Tool.Name));
    }

    [Fact]
    public void Search_ReadsNestedSchemaPropertiesAndTheirDescriptions()
    {
        var schema = Schema("""{"type":"object","properties":{"working_hours":{"type":"object","properties":{"start":{"type":"string","description":"Quarterly frobnication."}}},"items":{"type":"array","items":{"type":"object","properties":{"zebra_id":{"type":"string"}}}}}}""");
        var index = new ToolSearchIndex([Tool("a_tool", "A tool", "Nothing.", schema), Tool("b_tool", "B tool", "Nothing.")]);

        Assert.Equal("a_tool", Assert.Single(index.Search("frobnication", 5)).Tool.Name);
        Assert.Equal("a_tool", Assert.Single(index.Search("zebra", 5)).Tool.Name);
    }

    [Fact]
    public void Search_ExpandsQueryWordsWithTheVocabulary()
    {
        var index = new ToolSearchIndex([Tool("x_create_event", "Create an event", "Create a calendar event."), Tool("x_send_email", "Send an email", "Send mail.")]);

        Assert.Equal("x_create_event", index.Search("schedule a meeting", 1).Single().Tool.Name);
    }

    [Fact]
    public void Search_EqualScores_AreOrderedByName_WhateverTheIndexOrder()
    {
        CatalogTool[] tools = [Tool("c_send_email", "Send an email", "Send."), Tool("a_send_email", "Send an email", "Send."), Tool("b_send_email", "Send an email", "Send.")];

        var forward = new ToolSearchIndex(tools).Search("send", 3);
        var backward = new ToolSearchIndex(tools.Reverse()).Search("send", 3);

        Assert.Equal(["a_send_email", "b_send_email", "c_send_email"], forward.Select(h => h.Tool.Name));
        Assert.Equal(forward.Select(h => (h.Tool.Name, h.Score)), backward.Select(h => (h.Tool.Name, h.Score)));
        Assert.Single(forward.Select(h => h.Score).Distinct());
    }

    [Fact]
    public void Search_ReturnsAtMostLimit()
    {
        var index = new ToolSearchIndex(Enumerable.Range(0, 20).Select(i => Tool($"t{i:D2}_send_email", "Send an email", "Send.")));

        Assert.Equal(10, index.Search("send", 10).Count);
        Assert.Single(index.Search("send", 1));
        Assert.Equal(20, index.Count);
    }

    [Fact]
    public void Search_Include_RanksOnlyAcceptedTools_BeforeTheLimit()
    {
        var index = new ToolSearchIndex([Tool("a_send_email", "Send an email", "Send an email."), Tool("b_list", "List", "List things; can send.")]);

        var hits = index.Search("send email", 1, t => t.Name != "a_send_email");

        Assert.Equal("b_list", Assert.Single(hits).Tool.Name);
    }

    [Theory]
    [InlineData("xyzzy plugh")]
    [InlineData("quantum chromodynamics")]
    public void Search_WordsNoToolUses_ReturnNothing(string query)
    {
        var index = new ToolSearchIndex([Tool("x_send_email", "Send an email", "Send.")]);

        Assert.Empty(index.Search(query, 5));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!?! 123 -- 4:30")]
    [InlineData("what is the")]
    public void Search_QueryWithNoSearchableWord_IsAQueryError_SayingWhatToSend(string query)
    {
        var index = new ToolSearchIndex([Tool("x_send_email", "Send an email", "Send.")]);

        var error = Assert.Throws<ToolSearchQueryException>(() => index.Search(query, 5));

        Assert.Contains("no word to search for", error.Message, StringComparison.Ordinal);
        Assert.Contains("send an email", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_QueryLongerThanTheMaximum_IsAQueryError()
    {
        var index = new ToolSearchIndex([Tool("x_send_email", "Send an email", "Send.")]);
        var atMost = new string('a', ToolSearchIndex.MaxQueryLength - 6) + " email";

        Assert.Single(index.Search(atMost, 5));
        var error = Assert.Throws<ToolSearchQueryException>(() => index.Search(atMost + "x", 5));
        Assert.Contains($"at most {ToolSearchIndex.MaxQueryLength}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ToolSearchIndex.MaxLimit + 1)]
    public void Search_LimitOutsideOneToMax_IsRefused(int limit)
    {
        var index = new ToolSearchIndex([Tool("x_send_email", "Send an email", "Send.")]);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search("send", limit));
    }

    [Fact]
    public void Search_NullQuery_IsRefused() =>
        Assert.Throws<ArgumentNullException>(() => new ToolSearchIndex([]).Search(null!, 1));

    [Fact]
    public void EmptyIndex_FindsNothing() => Assert.Empty(new ToolSearchIndex([]).Search("send an email", 3));

    [Fact]
    public void Constructor_DuplicateNames_AreRefused() =>
        Assert.Throws<ArgumentException>(() => new ToolSearchIndex([Tool("a_b", "A", "A."), Tool("a_b", "B", "B.")]));

    [Fact]
    public async Task Search_FromManyThreadsAtOnce_GivesTheSameAnswer()
    {
        var index = new ToolSearchIndex(Enumerable.Range(0, 30).Select(i => Tool($"t{i:D2}_{(i % 2 == 0 ? "send_email" : "list_events")}", "Tool", $"Tool {i}.")));
        var expected = index.Search("send email", 10).Select(h => h.Tool.Name).ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => index.Search("send email", 10).Select(h => h.Tool.Name).ToList())));

        Assert.All(answers, a => Assert.Equal(expected, a));
    }

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static CatalogTool Tool(string name, string title, string description, JsonElement? inputSchema = null) => new()
    {
        Name = name,
        Title = title,
        Description = description,
        InputSchema = inputSchema ?? Empty,
        OutputSchema = Empty,
        Annotations = ActionAnnotations.Read,
        Policy = ApprovalPolicy.Auto,
        Validator = new ArgumentValidator(Empty, name),
    };
}
