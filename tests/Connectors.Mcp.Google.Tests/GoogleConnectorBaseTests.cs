using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Gmail;
using Connectors.Mcp.Google.Tests.TestSupport;

namespace Connectors.Mcp.Google.Tests;

/// <summary>A Google connector runs whatever action it is handed through that action's handler: it knows no action names.</summary>
public sealed class GoogleConnectorBaseTests
{
    [Fact]
    public async Task ExecuteAsync_AnActionDeclaredOutsideTheConnector_RunsWithItsApi_AndItsOneParse()
    {
        await using var harness = await GmailHarness.StartAsync();
        var parses = 0;
        var action = CountLabels(() => parses++);

        var result = await harness.Connector.ExecuteAsync(action.Parse(new JsonObject()), CancellationToken.None);

        Assert.True(result["count"]!.GetValue<int>() > 0);
        Assert.Equal(1, parses);
    }

    [Fact]
    public async Task ExecuteAsync_AnActionOfAnotherConnectorType_IsABug_NotADispatchByName()
    {
        await using var harness = await GmailHarness.StartAsync();
        var listCalendars = ConnectorCalls.Action("list_calendars");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => harness.Connector.ExecuteAsync(listCalendars.Parse(new JsonObject()), CancellationToken.None));

        Assert.Contains("CalendarApi", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    [Fact]
    public async Task ResolveAsync_AnActionWithoutAFindStep_IsNull()
    {
        await using var harness = await GmailHarness.StartAsync();
        var resolver = (IWriteOutcomeResolver)harness.Connector;

        Assert.Null(await resolver.ResolveAsync(CountLabels(() => { }).Parse(new JsonObject()), CancellationToken.None));
    }

    /// <summary>What a new Gmail action looks like: its declaration with its handler, nothing else.</summary>
    private static ConnectorAction CountLabels(Action parsed) => new()
    {
        Name = "count_labels",
        Title = "Count labels",
        Description = "Counts the labels.",
        InputSchema = SchemaJson.Parse("""{"type":"object","additionalProperties":false}"""),
        OutputSchema = SchemaJson.Parse("""{"type":"object","properties":{"count":{"type":"integer"}},"required":["count"],"additionalProperties":false}"""),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GmailApi, ActionArguments>(
            arguments =>
            {
                parsed();
                var checkedArguments = new ActionArguments(arguments);
                checkedArguments.RejectUnknown();
                return checkedArguments;
            },
            async (api, _, _, cancellationToken) => new JsonObject { ["count"] = (await api.ListLabelsAsync(cancellationToken)).Labels?.Count ?? 0 }),
    };
}
