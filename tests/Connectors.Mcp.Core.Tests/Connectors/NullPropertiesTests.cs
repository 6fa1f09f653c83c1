using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.Tests.Connectors;

public sealed class NullPropertiesTests
{
    [Fact]
    public void Omit_RemovesNullPropertiesAtEveryDepth_AndKeepsEverythingElse()
    {
        var result = new JsonObject
        {
            ["id"] = "e1",
            ["summary"] = null,
            ["organizer"] = new JsonObject { ["email"] = null, ["self"] = true },
            ["attendees"] = new JsonArray(new JsonObject { ["email"] = "a@example.com", ["display_name"] = null }),
            ["recurrence"] = new JsonArray(),
            ["count"] = 0,
            ["text"] = "",
            ["flag"] = false,
        };

        var same = NullProperties.Omit(result);

        Assert.Same(result, same);
        Assert.Equal(
            """{"id":"e1","organizer":{"self":true},"attendees":[{"email":"a@example.com"}],"recurrence":[],"count":0,"text":"","flag":false}""",
            result.ToJsonString());
    }

    [Fact]
    public async Task ActionHandler_LeavesNullPropertiesOutOfWhatRunAndFindReturn()
    {
        var handler = new ActionHandler<object, string>(
            _ => "request",
            (_, _, _, _) => Task.FromResult(new JsonObject { ["id"] = "m1", ["next_page_token"] = null }),
            (_, _, _, _) => Task.FromResult<WriteOutcome?>(WriteOutcome.Applied(new JsonObject { ["id"] = "m1", ["conversation_id"] = null })));
        var action = new ConnectorAction
        {
            Name = "probe",
            Title = "Probe",
            Description = "Probe.",
            InputSchema = JsonDocument.Parse("""{"type":"object","additionalProperties":false}""").RootElement.Clone(),
            OutputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone(),
            Annotations = ActionAnnotations.Read,
            DefaultPolicy = ApprovalPolicy.Auto,
            Handler = handler,
        };
        var request = action.Parse([]);

        var ran = await handler.RunAsync(new object(), request, null!, CancellationToken.None);
        var found = await handler.FindOutcomeAsync(new object(), request, null!, CancellationToken.None);

        Assert.Equal("""{"id":"m1"}""", ran.ToJsonString());
        Assert.Equal("""{"id":"m1"}""", found!.Result!.ToJsonString());
    }
}
