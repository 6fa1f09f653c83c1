using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;

namespace Connectors.Mcp.Microsoft.Tests.Calendar.Actions;

public sealed class UpdateEventActionTests
{
    [Fact]
    public async Task UpdateEvent_OnlyTheTitle_ChangesNothingElse()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var before = harness.Server.Calendar.Events.Single(e => e.Id == SandboxCalendarSeed.BudgetEventId);
        var (start, location, attendees) = (before.Start, before.Location, before.Attendees.ToList());

        var result = await harness.RunAsync(UpdateEventAction.Name, new JsonObject { ["event_id"] = SandboxCalendarSeed.BudgetEventId, ["title"] = "Q3 budget review (moved room)" }, "key-u");

        SchemaAssert.MatchesOutputSchema(harness.Action(UpdateEventAction.Name), result);
        var after = harness.Server.Calendar.Events.Single(e => e.Id == SandboxCalendarSeed.BudgetEventId);
        Assert.Equal("Q3 budget review (moved room)", after.Subject);
        Assert.Equal(start, after.Start);
        Assert.Equal(location, after.Location);
        Assert.Equal(attendees, after.Attendees);
    }

    [Fact]
    public async Task UpdateEvent_NewTimeAndAddedAttendee_MovesItAndKeepsTheOtherGuests()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync(UpdateEventAction.Name, new JsonObject
        {
            ["event_id"] = SandboxCalendarSeed.BudgetEventId,
            ["start"] = "2026-11-02T09:00:00",
            ["end"] = "2026-11-02T09:30:00",
            ["time_zone"] = "America/New_York",
            ["add_attendees"] = new JsonArray("carol@example.com"),
        }, "key-u");

        SchemaAssert.MatchesOutputSchema(harness.Action(UpdateEventAction.Name), result);
        Assert.Equal("2026-11-02T09:00:00-05:00", (string?)result["start"]!["date_time"]);
        Assert.Equal(["alice@example.com", "carol@example.com"], harness.Server.Calendar.Events.Single(e => e.Id == SandboxCalendarSeed.BudgetEventId).Attendees);
    }

    [Fact]
    public async Task UpdateEvent_AnOccurrence_ChangesOnlyThatOccurrence()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var listed = await harness.RunAsync(ListEventsAction.Name, new JsonObject { ["time_zone"] = "Europe/Berlin", ["max_results"] = 100 });
        var occurrence = listed["events"]!.AsArray().First(e => (string?)e!["recurring_event_id"] == SandboxCalendarSeed.WeeklySeriesId)!;

        var result = await harness.RunAsync(UpdateEventAction.Name, new JsonObject { ["event_id"] = (string)occurrence["id"]!, ["title"] = "Sync (special)" }, "key-o");

        Assert.Equal("exception", (string?)result["type"]);
        Assert.Equal("Weekly team sync", harness.Server.Calendar.Events.Single(e => e.Id == SandboxCalendarSeed.WeeklySeriesId).Subject);
    }

    [Fact]
    public async Task UpdateEvent_Unknown_IsNotFound()
    {
        await using var harness = await CalendarHarness.StartAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync(UpdateEventAction.Name, new JsonObject { ["event_id"] = "AAMk-missing", ["title"] = "x" }, "key-u"));
    }

    [Fact]
    public void UpdateEvent_NothingToChange_IsRefused()
    {
        var action = new Microsoft.Calendar.OutlookCalendarConnectorType().Actions.Single(a => a.Name == UpdateEventAction.Name);
        Assert.Throws<ConnectorValidationException>(() => action.Parse(new JsonObject { ["event_id"] = "AAMk-1" }));
        Assert.Throws<ConnectorValidationException>(() => action.Parse(new JsonObject
        {
            ["event_id"] = "AAMk-1", ["attendees"] = new JsonArray("a@example.com"), ["add_attendees"] = new JsonArray("b@example.com"),
        }));
    }
}
