using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.Calendar;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Idempotency;

/// <summary>create_event's id comes from the idempotency key, and an ambiguous insert is resolved by reading that id.</summary>
public sealed class CalendarWriteOutcomeTests
{
    [Fact]
    public async Task CreateEvent_WithAKey_UsesTheIdDerivedFromIt_UnlessEventIdIsGiven()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var keyed = harness.Type.Create(harness.Context.WithKey("evt-1"));
        var unkeyed = harness.Type.Create(harness.Context);

        var withKey = await keyed.ExecuteAsync("create_event", Meeting(), CancellationToken.None);
        var withoutKey = await unkeyed.ExecuteAsync("create_event", Meeting(), CancellationToken.None);
        var chosen = Meeting();
        chosen["event_id"] = "chosenid0123";
        var given = await keyed.ExecuteAsync("create_event", chosen, CancellationToken.None);

        Assert.Matches("^[a-v0-9]{32}$", (string)withKey["id"]!);
        Assert.NotEqual((string)withKey["id"]!, (string)withoutKey["id"]!);
        Assert.Equal("chosenid0123", (string)given["id"]!);
        Assert.Equal(3, harness.Calendar.Changes.Count);
    }

    [Fact]
    public async Task CreateEvent_ActThen503_IsAmbiguous_AndResolveReadsTheCreatedEvent()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var connector = harness.Type.Create(harness.Context.WithKey("evt-1"));
        harness.Server.InjectFault(FakeCalendarEndpoints.EventsInsert, FakeFault.ActThenUnavailable());

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => connector.ExecuteAsync("create_event", Meeting(), CancellationToken.None));
        var outcome = await ((IWriteOutcomeResolver)connector).ResolveAsync("create_event", Meeting(), CancellationToken.None);

        var change = Assert.Single(harness.Calendar.Changes);
        Assert.True(outcome!.TookEffect);
        Assert.Equal(change.EventId, (string)outcome.Result!["id"]!);
        Assert.Equal("Roadmap planning", (string)outcome.Result["summary"]!);
    }

    [Fact]
    public async Task Resolve_EventNeverCreated_IsNotApplied_AndOtherActionsCannotTell()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var connector = (IWriteOutcomeResolver)harness.Type.Create(harness.Context.WithKey("evt-none"));

        var outcome = await connector.ResolveAsync("create_event", Meeting(), CancellationToken.None);
        var update = await connector.ResolveAsync("update_event", new JsonObject { ["event_id"] = "offsite2026", ["title"] = "x" }, CancellationToken.None);

        Assert.False(outcome!.TookEffect);
        Assert.Null(update);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.EventsGet));
        Assert.Empty(harness.Calendar.Changes);
    }

    [Fact]
    public async Task FreeBusy_IsAPostButARead_So503IsNotAmbiguous()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.FreeBusyQuery, FakeFault.Unavailable());

        await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("find_free_busy", new JsonObject
        {
            ["time_min"] = "2026-03-03T00:00:00Z",
            ["time_max"] = "2026-03-04T00:00:00Z",
        }));
    }

    private static JsonObject Meeting() => new()
    {
        ["title"] = "Roadmap planning",
        ["start"] = "2026-03-16T10:00:00",
        ["end"] = "2026-03-16T11:30:00",
        ["time_zone"] = "America/New_York",
    };
}
