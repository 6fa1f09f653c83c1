using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;

namespace Connectors.Mcp.Google.Tests.Calendar.Actions;

public sealed class FindFreeBusyActionTests
{
    private static JsonObject Wednesday(params string[] attendees) => new()
    {
        ["time_min"] = "2026-03-04T00:00:00-05:00",
        ["time_max"] = "2026-03-05T00:00:00-05:00",
        ["attendees"] = new JsonArray(attendees.Select(a => (JsonNode?)a).ToArray()),
        ["time_zone"] = "America/New_York",
    };

    [Fact]
    public async Task FindFreeBusy_OwnCalendarFirst_ThenEachAttendee_WithGooglesErrorsForUnreadableOnes()
    {
        await using var harness = await CalendarHarness.StartAsync();

        var result = await harness.RunAsync("find_free_busy", Wednesday(CalendarHarness.Priya, "stranger@elsewhere.example"));

        SchemaAssert.MatchesOutputSchema(harness.Action("find_free_busy"), result);
        Assert.Equal("America/New_York", (string)result["time_zone"]!);
        Assert.Equal("2026-03-04T00:00:00-05:00", (string)result["time_min"]!);
        var calendars = result["calendars"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["primary", CalendarHarness.Priya, "stranger@elsewhere.example"], calendars.Select(c => (string)c["id"]!));

        Assert.Equal(
            [("2026-03-04T09:15:00-05:00", "2026-03-04T09:30:00-05:00"), ("2026-03-04T19:00:00-05:00", "2026-03-04T19:45:00-05:00")],
            Busy(calendars[0]));
        Assert.Empty(calendars[0]["errors"]!.AsArray());
        Assert.Equal([("2026-03-04T13:00:00-05:00", "2026-03-04T15:00:00-05:00")], Busy(calendars[1]));
        Assert.Empty(Busy(calendars[2]));
        Assert.Equal("notFound", (string)calendars[2]["errors"]![0]!["reason"]!);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.FreeBusyQuery));
    }

    [Fact]
    public async Task FindFreeBusy_WithoutTimeZone_WritesUtc()
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = Wednesday();
        args.Remove("time_zone");

        var result = await harness.RunAsync("find_free_busy", args);

        Assert.Equal("UTC", (string)result["time_zone"]!);
        Assert.Equal("2026-03-04T14:15:00+00:00", Busy(result["calendars"]![0]!.AsObject())[0].Start);
    }

    [Fact]
    public async Task FindFreeBusy_IsAPostButAReadAndIsNotRetried()
    {
        await using var harness = await CalendarHarness.StartAsync();
        harness.Server.InjectFault(FakeCalendarEndpoints.FreeBusyQuery, FakeFault.Unavailable());

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("find_free_busy", Wednesday()));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, harness.Server.RequestCount(FakeCalendarEndpoints.FreeBusyQuery));
    }

    [Theory]
    [InlineData("time_max", "2026-05-30T00:00:00-05:00")]
    [InlineData("time_max", "2026-03-03T00:00:00-05:00")]
    [InlineData("time_zone", "Nowhere/Special")]
    public async Task FindFreeBusy_BadWindowOrZone_IsRejectedWithoutRequest(string field, string value)
    {
        await using var harness = await CalendarHarness.StartAsync();
        var args = Wednesday();
        args[field] = value;

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.RunAsync("find_free_busy", args));

        Assert.Equal(field, error.Field);
        Assert.Equal(0, harness.Server.TotalRequestCount);
    }

    private static List<(string Start, string End)> Busy(JsonObject calendar) =>
        calendar["busy"]!.AsArray().Select(b => ((string)b!["start"]!, (string)b!["end"]!)).ToList();
}
