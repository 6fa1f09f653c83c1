using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class DeleteEventActionTests
{
    [Fact]
    public async Task DeleteEvent_CancelsIt_RecordsSendUpdates_AndASecondDeleteIsNotFound()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("delete_event", new JsonObject { ["event_id"] = "londonq3", ["send_updates"] = "all" });

        SchemaAssert.MatchesOutputSchema(harness.Action("delete_event"), result);
        Assert.True((bool)result["deleted"]!);
        Assert.Equal("all", (string)result["send_updates"]!);
        Assert.Equal("cancelled", (string)harness.Calendar.FindEvent("primary", "londonq3")!["status"]!);
        var change = Assert.Single(harness.Calendar.Changes);
        Assert.Equal(("delete", "all"), (change.Method, change.SendUpdates));
        Assert.Equal([CalendarHarness.Priya], change.Attendees);
        Assert.Equal([CalendarHarness.Priya], change.Notified("northwind.example"));

        var again = await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync("delete_event", new JsonObject { ["event_id"] = "londonq3" }));
        Assert.Contains("already deleted", again.Message);
    }

    [Fact]
    public async Task DeleteEvent_DefaultsToNotifyingNobody()
    {
        await using var harness = await CalendarHarness.StartAsync();

        await harness.RunAsync("delete_event", new JsonObject { ["event_id"] = "londonq3" });

        Assert.Equal("none", harness.Calendar.Changes.Single().SendUpdates);
    }

    [Fact]
    public async Task DeleteEvent_OneOccurrence_RemovesOnlyThatOne()
    {
        await using var harness = await CalendarHarness.StartAsync();

        await harness.RunAsync("delete_event", new JsonObject { ["event_id"] = "atlasteammeeting01_20260310T140000Z" });

        var list = await harness.RunAsync("list_events", new JsonObject
        {
            ["time_min"] = "2026-03-02T00:00:00Z",
            ["time_max"] = "2026-03-18T00:00:00Z",
            ["query"] = "Atlas team sync",
        });
        Assert.Equal(
            ["atlasteammeeting01_20260303T150000Z", "atlasteammeeting01_20260317T140000Z"],
            list["events"]!.AsArray().Select(e => (string)e!["id"]!));
    }

    [Fact]
    public async Task DeleteEvent_Series_RemovesEveryOccurrence()
    {
        await using var harness = await CalendarHarness.StartAsync();

        await harness.RunAsync("delete_event", new JsonObject { ["event_id"] = "standup0001" });

        var list = await harness.RunAsync("list_events", new JsonObject { ["time_min"] = "2026-03-02T00:00:00Z", ["time_max"] = "2026-03-30T00:00:00Z", ["query"] = "standup" });
        Assert.Empty(list["events"]!.AsArray());
    }

    [Fact]
    public async Task DeleteEvent_Unknown_IsNotFound_AndA503IsNotRetried()
    {
        await using var harness = await CalendarHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync("delete_event", new JsonObject { ["event_id"] = "nosuchevent1" }));
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsDelete, FakeFault.Unavailable());
        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync("delete_event", new JsonObject { ["event_id"] = "londonq3" }));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.EventsDelete));
        Assert.Equal("confirmed", (string)harness.Calendar.FindEvent("primary", "londonq3")!["status"]!);
    }

    [Fact]
    public async Task DeleteEvent_BadArguments_AreRejectedWithoutRequest()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var id = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("delete_event", new JsonObject { ["event_id"] = "a/b" }));
        var updates = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("delete_event", new JsonObject { ["event_id"] = "londonq3", ["send_updates"] = "externalOnly" }));

        Assert.Equal("event_id", id.Field);
        Assert.Equal("send_updates", updates.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }
}
