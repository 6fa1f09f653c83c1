using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;

namespace Connectors.Mcp.Microsoft.Tests.Calendar.Actions;

public sealed class DeleteEventActionTests
{
    [Fact]
    public async Task DeleteEvent_Existing_IsGone()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync(DeleteEventAction.Name, new JsonObject { ["event_id"] = SandboxCalendarSeed.BudgetEventId }, "key-d");

        SchemaAssert.MatchesOutputSchema(harness.Action(DeleteEventAction.Name), result);
        Assert.DoesNotContain(harness.Server.Calendar.Events, e => e.Id == SandboxCalendarSeed.BudgetEventId);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync(GetEventAction.Name, new JsonObject { ["event_id"] = SandboxCalendarSeed.BudgetEventId }));
    }

    [Fact]
    public async Task DeleteEvent_AnOccurrence_KeepsTheSeries()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var listed = await harness.RunAsync(ListEventsAction.Name, new JsonObject { ["max_results"] = 100 });
        var occurrences = listed["events"]!.AsArray().Where(e => (string?)e!["recurring_event_id"] == SandboxCalendarSeed.DailySeriesId).ToList();

        await harness.RunAsync(DeleteEventAction.Name, new JsonObject { ["event_id"] = (string)occurrences[0]!["id"]! }, "key-d");

        var after = await harness.RunAsync(ListEventsAction.Name, new JsonObject { ["max_results"] = 100 });
        Assert.Equal(occurrences.Count - 1, after["events"]!.AsArray().Count(e => (string?)e!["recurring_event_id"] == SandboxCalendarSeed.DailySeriesId));
    }

    [Fact]
    public async Task DeleteEvent_ConnectionDroppedAfterGraphDeletedIt_IsFoundApplied()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.Calendar.InjectFault(FakeCalendarEndpoints.DeleteEvent, FakeGraphFault.ActThenDropConnection());
        var arguments = new JsonObject { ["event_id"] = SandboxCalendarSeed.BudgetEventId };

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(DeleteEventAction.Name, arguments, "key-d"));
        var outcome = await harness.ResolveAsync(DeleteEventAction.Name, arguments, "key-d");

        Assert.True(outcome!.TookEffect);
        Assert.Equal(1, harness.Server.Calendar.RequestCount(FakeCalendarEndpoints.DeleteEvent));
    }

    [Fact]
    public async Task DeleteEvent_Unknown_IsNotFound()
    {
        await using var harness = await CalendarHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync(DeleteEventAction.Name, new JsonObject { ["event_id"] = "AAMk-missing" }, "key-d"));
    }
}
