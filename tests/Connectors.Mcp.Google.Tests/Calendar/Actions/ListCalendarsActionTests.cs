using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class ListCalendarsActionTests
{
    [Fact]
    public async Task ListCalendars_ReturnsPrimarySharedAndReadOnlyCalendars_WithRolesAndZones()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("list_calendars", new JsonObject());

        SchemaAssert.MatchesOutputSchema(harness.Action("list_calendars"), result);
        var calendars = result["calendars"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal([harness.Calendar.PrimaryId, FakeCalendar.TeamCalendarId, FakeCalendar.HolidaysCalendarId], calendars.Select(c => (string)c["id"]!));
        Assert.Equal([true, false, false], calendars.Select(c => (bool)c["primary"]!));
        Assert.Equal(["owner", "writer", "reader"], calendars.Select(c => (string)c["access_role"]!));
        Assert.All(calendars, c => Assert.Equal("America/New_York", (string)c["time_zone"]!));
        Assert.Equal("Team Atlas", (string)calendars[1]["summary"]!);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.CalendarListList));
    }

    [Fact]
    public async Task ListCalendars_FollowsEveryPage()
    {
        await using var harness = await CalendarHarness.StartAsync();
        for (var i = 0; i < 260; i++)
        {
            harness.Calendar.AddCalendar(new FakeCalendarInfo($"c_extra{i}@group.calendar.google.com", $"Extra {i}", "Europe/Berlin", "reader", Primary: false));
        }

        var result = await harness.RunAsync("list_calendars", new JsonObject());

        Assert.Equal(263, result["calendars"]!.AsArray().Count);
        Assert.Equal(2, harness.Server.RequestCount(FakeCalendarEndpoints.CalendarListList));
    }

    [Fact]
    public async Task ListCalendars_UnknownArgument_IsRejectedWithoutRequest()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.ExecuteAsync("list_calendars", new JsonObject { ["api_base_url"] = "http://127.0.0.1:1/" }));

        Assert.Equal("api_base_url", error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }
}
