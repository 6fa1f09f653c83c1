using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Core.Tests.Catalog;

public sealed class ToolScopeTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","additionalProperties":false}""").RootElement.Clone();

    [Theory]
    [InlineData(false, "", "gmail_search_inbox", true)]
    [InlineData(false, "", "gmail_send_email", true)]
    [InlineData(true, "", "gmail_search_inbox", true)]
    [InlineData(true, "", "gmail_send_email", false)]
    [InlineData(false, "gmail_*", "gmail_send_email", true)]
    [InlineData(false, "gmail_*", "google_calendar_list_events", false)]
    [InlineData(false, "gmail_*,*_list_*", "google_calendar_list_events", true)]
    [InlineData(true, "gmail_*", "gmail_send_email", false)]
    [InlineData(true, "gmail_*", "google_calendar_list_events", false)]
    [InlineData(true, "gmail_*", "gmail_search_inbox", true)]
    [InlineData(false, "gmail_search_inbox", "gmail_search_inbox_2", false)]
    public void Allows_ReadOnlyAndPatterns_BothMustHold(bool readOnly, string patterns, string tool, bool allowed)
    {
        var scope = ToolScope.Create(readOnly, ToolScope.SplitPatterns(patterns));

        Assert.Equal(allowed, scope.Allows(ActionTool(tool, readOnly: !tool.Contains("send", StringComparison.Ordinal))));
    }

    [Fact]
    public void Allows_MetaTools_InEveryScope()
    {
        var narrow = ToolScope.Create(true, ["nothing_matches_this"]);

        Assert.True(narrow.Allows(Meta("list_connectors", Core.Catalog.MetaTool.ListConnectors)));
        Assert.True(narrow.Allows(Meta("get_approval", Core.Catalog.MetaTool.GetApproval)));
    }

    [Fact]
    public void Create_WithoutRestriction_IsTheFullScope_AndDuplicatesGo()
    {
        Assert.Same(ToolScope.Full, ToolScope.Create(false, []));
        Assert.Same(ToolScope.Full, ToolScope.Create(false, null));
        Assert.Equal(["gmail_*"], ToolScope.Create(false, ["gmail_*", "gmail_*"]).Patterns);
        Assert.Equal(ToolScope.Create(true, ["a*", "b*"]), ToolScope.Create(true, ["a*", "b*"]));
        Assert.NotEqual(ToolScope.Create(true, ["a*"]), ToolScope.Create(false, ["a*"]));
    }

    [Theory]
    [InlineData("gmail send")]
    [InlineData("gmail_*;drop")]
    [InlineData("")]
    public void Create_BadPattern_ThrowsArgumentException_SayingWhatAPatternIs(string pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => ToolScope.Create(false, [pattern]));

        Assert.Contains("is not a tool pattern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TooManyPatterns_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ToolScope.Create(false, Enumerable.Range(0, ToolScope.MaxPatterns + 1).Select(i => $"tool_{i}")));
    }

    [Theory]
    [InlineData(false, "", "all tools")]
    [InlineData(true, "", "read-only")]
    [InlineData(false, "gmail_*,*_list_*", "tools gmail_*,*_list_*")]
    [InlineData(true, "gmail_*", "read-only, tools gmail_*")]
    public void Describe_SaysTheScopeInOneLine(bool readOnly, string patterns, string expected) =>
        Assert.Equal(expected, ToolScope.Create(readOnly, ToolScope.SplitPatterns(patterns)).Describe());

    [Fact]
    public void Mode_IsPartOfTheScope_ButNotOfWhatItAllows()
    {
        var discovery = ToolScope.Create(false, null, ToolMode.Discovery);

        Assert.NotSame(ToolScope.Full, discovery);
        Assert.True(discovery.IsFull);
        Assert.NotEqual(ToolScope.Full, discovery);
        Assert.Equal(discovery, ToolScope.Create(false, [], ToolMode.Discovery));
        Assert.Equal("all tools, discovery mode", discovery.Describe());
        Assert.Equal("read-only, all mode", ToolScope.Create(true, null, ToolMode.All).Describe());
        Assert.Throws<ArgumentException>(() => ToolScope.Create(false, null, (ToolMode)7));
    }

    [Fact]
    public void ModeIn_TheScopesModeWins_ElseTheWorkspaces()
    {
        var workspace = new Core.Storage.Workspace("ws_1", "acme", Core.Storage.WorkspacePlan.Pro, DateTimeOffset.UnixEpoch) { ToolMode = ToolMode.Discovery };

        Assert.Equal(ToolMode.Discovery, ToolScope.Full.ModeIn(workspace));
        Assert.Equal(ToolMode.All, ToolScope.Create(false, null, ToolMode.All).ModeIn(workspace));
        Assert.Equal(ToolMode.All, ToolScope.Full.ModeIn(workspace with { ToolMode = ToolMode.All }));
    }

    [Theory]
    [InlineData(false, "", null, false, "", null, false, "", null)]
    [InlineData(true, "", null, false, "", null, true, "", null)]
    [InlineData(false, "", null, true, "", null, true, "", null)]
    [InlineData(false, "gmail_*", null, true, "", ToolMode.Discovery, true, "gmail_*", ToolMode.Discovery)]
    [InlineData(false, "", ToolMode.All, false, "*_list_*", ToolMode.Discovery, false, "*_list_*", ToolMode.All)]
    public void Within_IsTheNarrowerOfKeyAndServer(
        bool keyReadOnly, string keyPatterns, ToolMode? keyMode, bool serverReadOnly, string serverPatterns, ToolMode? serverMode, bool readOnly, string patterns, ToolMode? mode)
    {
        var key = ToolScope.Create(keyReadOnly, ToolScope.SplitPatterns(keyPatterns), keyMode);
        var server = ToolScope.Create(serverReadOnly, ToolScope.SplitPatterns(serverPatterns), serverMode);

        Assert.Equal(ToolScope.Create(readOnly, ToolScope.SplitPatterns(patterns), mode), key.Within(server));
    }

    [Fact]
    public void Within_BothWithPatterns_IsRefused_NotWidened() =>
        Assert.Null(ToolScope.Create(false, ["gmail_*"]).Within(ToolScope.Create(false, ["*_list_*"])));

    private static CatalogTool ActionTool(string name, bool readOnly)
    {
        var annotations = readOnly ? ActionAnnotations.Read : new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false);
        return new CatalogTool
        {
            Name = name,
            Title = name,
            Description = name,
            InputSchema = Schema,
            OutputSchema = Schema,
            Annotations = annotations,
            Policy = ApprovalPolicy.Auto,
            Validator = new ArgumentValidator(Schema, name),
            Action = new ConnectorAction
            {
                Name = name,
                Title = name,
                Description = name,
                InputSchema = Schema,
                OutputSchema = Schema,
                Annotations = annotations,
                DefaultPolicy = ApprovalPolicy.Auto,
                Handler = new ActionHandler<object, JsonObject>(a => a, (_, _, _, _) => Task.FromResult(new JsonObject())),
            },
        };
    }

    private static CatalogTool Meta(string name, Core.Catalog.MetaTool meta) => new()
    {
        Name = name,
        Title = name,
        Description = name,
        InputSchema = Schema,
        OutputSchema = Schema,
        Annotations = ActionAnnotations.Read with { ReadOnly = meta == Core.Catalog.MetaTool.ListConnectors },
        Policy = ApprovalPolicy.Auto,
        Validator = new ArgumentValidator(Schema, name),
        Meta = meta,
    };
}
