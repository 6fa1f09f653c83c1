using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Core.Tests.Catalog;

/// <summary>
/// What each kind of tool is — listed, callable, discoverable — in each mode, enumerated over every meta tool there is
/// (a new meta tool fails here until its row is decided).
/// </summary>
public sealed class ToolVisibilityTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","additionalProperties":false}""").RootElement.Clone();

    [Fact]
    public void EveryMetaTool_HasItsDecidedVisibility_InBothModes()
    {
        // (listed in all, listed in discovery, callable in all, callable in discovery, discoverable)
        var expected = new Dictionary<MetaTool, (bool, bool, bool, bool, bool)>
        {
            [MetaTool.ListConnectors] = (true, false, true, true, true),
            [MetaTool.GetApproval] = (true, false, true, true, true),
            [MetaTool.SearchTools] = (false, true, false, true, false),
            [MetaTool.CallTool] = (false, true, false, true, false),
        };

        Assert.Equal(Enum.GetValues<MetaTool>().Order(), expected.Keys.Order());
        foreach (var (meta, row) in expected)
        {
            var tool = Tool(meta.ToString(), meta, readOnly: true);
            Assert.Equal(row, Row(tool, ToolScope.Full));
        }
    }

    [Fact]
    public void ConnectorTools_AreCallableInBothModes_ListedOnlyInAll_AndAlwaysWithinTheScope()
    {
        var read = Tool("gmail_search_inbox", null, readOnly: true);
        var write = Tool("gmail_send_email", null, readOnly: false);
        var readOnly = ToolScope.Create(true, null);

        Assert.Equal((true, false, true, true, true), Row(read, ToolScope.Full));
        Assert.Equal((true, false, true, true, true), Row(write, ToolScope.Full));
        Assert.Equal((false, false, false, false, false), Row(write, readOnly));
        Assert.Equal((true, false, true, true, true), Row(read, readOnly));
    }

    private static (bool, bool, bool, bool, bool) Row(CatalogTool tool, ToolScope scope) => (
        ToolVisibility.IsListed(tool, scope, ToolMode.All),
        ToolVisibility.IsListed(tool, scope, ToolMode.Discovery),
        ToolVisibility.IsCallable(tool, scope, ToolMode.All),
        ToolVisibility.IsCallable(tool, scope, ToolMode.Discovery),
        ToolVisibility.IsDiscoverable(tool, scope));

    private static CatalogTool Tool(string name, MetaTool? meta, bool readOnly)
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
            Meta = meta,
            Action = meta is not null ? null : new ConnectorAction
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
}
