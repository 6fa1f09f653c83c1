using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Meetings.Actions;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Meetings.Actions;

/// <summary>Every action against the fake Zoom over real HTTP; every result validated against its declared output schema.</summary>
public sealed class MeetingActionsTests
{
    private static JsonObject Planning() => new()
    {
        ["topic"] = "Planning",
        ["start_time"] = "2026-12-03T16:00:00",
        ["timezone"] = "Europe/Berlin",
        ["duration"] = 45,
        ["agenda"] = "Roadmap",
        ["waiting_room"] = true,
    };

    [Fact]
    public async Task CreateMeeting_ReturnsTheJoinLink_NeverTheStartUrl_AndStoresTheReferenceInTheAgenda()
    {
        await using var harness = await ZoomHarness.StartAsync();

        var result = await harness.RunAsync(CreateMeetingAction.Name, Planning(), idempotencyKey: "key-1");

        SchemaAssert.MatchesOutputSchema(harness.Action(CreateMeetingAction.Name), result);
        var stored = harness.Server.FindMeeting(long.Parse(result["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.Equal(stored.JoinUrl, result["join_url"]!.GetValue<string>());
        Assert.DoesNotContain(stored.StartUrl, result.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), stored.StartTime);
        Assert.Equal("Europe/Berlin", stored.Timezone);
        Assert.Matches(@"^Roadmap\n\n\[ref:zm-[0-9a-f]{12}\]$", stored.Agenda);
        Assert.Equal("Roadmap", result["agenda"]!.GetValue<string>());
        Assert.Equal("2026-12-03T16:00:00+01:00", result["start_local"]!.GetValue<string>());
        Assert.True(result["waiting_room"]!.GetValue<bool>());
        Assert.Equal(1, harness.Server.MeetingsCreated);
    }

    [Fact]
    public async Task ListMeetings_PagesByNextPageToken_UntilTheLastPage()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var arguments = new JsonObject { ["type"] = "scheduled", ["page_size"] = 2 };
            if (token is not null)
            {
                arguments["page_token"] = token;
            }

            var page = await harness.RunAsync(ListMeetingsAction.Name, arguments);
            SchemaAssert.MatchesOutputSchema(harness.Action(ListMeetingsAction.Name), page);
            seen.AddRange(page["meetings"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
            token = page["next_page_token"]?.GetValue<string>();
            pages++;
        }
        while (token is not null && pages < 20);

        var expected = harness.Server.Meetings.Where(m => !m.IsDeleted).Select(m => m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(expected, seen.Order().ToList());
        Assert.True(pages > 1);
    }

    [Fact]
    public async Task ListUpcoming_AndGet_ReturnMeetingsWithoutStartUrls()
    {
        await using var harness = await ZoomHarness.StartAsync();

        var upcoming = await harness.RunAsync(ListMeetingsAction.Name, []);
        SchemaAssert.MatchesOutputSchema(harness.Action(ListMeetingsAction.Name), upcoming);
        var first = upcoming["meetings"]!.AsArray()[0]!["id"]!.GetValue<string>();
        var meeting = await harness.RunAsync(GetMeetingAction.Name, new JsonObject { ["meeting_id"] = first });

        SchemaAssert.MatchesOutputSchema(harness.Action(GetMeetingAction.Name), meeting);
        Assert.NotEmpty(upcoming["meetings"]!.AsArray());
        foreach (var stored in harness.Server.Meetings)
        {
            Assert.DoesNotContain(stored.StartUrl, upcoming.ToJsonString() + meeting.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UpdateMeeting_ChangesOnlyTheGivenFields_AndReturnsTheMeetingAsItIsNow()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var created = await harness.RunAsync(CreateMeetingAction.Name, Planning(), "key-1");
        var id = created["id"]!.GetValue<string>();

        var updated = await harness.RunAsync(UpdateMeetingAction.Name, new JsonObject { ["meeting_id"] = id, ["topic"] = "Planning (moved)", ["duration"] = 60 }, "key-2");

        SchemaAssert.MatchesOutputSchema(harness.Action(UpdateMeetingAction.Name), updated);
        Assert.Equal("Planning (moved)", updated["topic"]!.GetValue<string>());
        Assert.Equal(60, updated["duration"]!.GetValue<int>());
        Assert.Equal(created["start_time"]!.GetValue<string>(), updated["start_time"]!.GetValue<string>());
        Assert.Equal(1, harness.Server.RequestCount(FakeZoomEndpoint.UpdateMeeting));
    }

    [Fact]
    public async Task DeleteMeeting_ThenGet_IsNotFound()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var id = (await harness.RunAsync(CreateMeetingAction.Name, Planning(), "key-1"))["id"]!.GetValue<string>();

        var deleted = await harness.RunAsync(DeleteMeetingAction.Name, new JsonObject { ["meeting_id"] = id }, "key-2");

        SchemaAssert.MatchesOutputSchema(harness.Action(DeleteMeetingAction.Name), deleted);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync(GetMeetingAction.Name, new JsonObject { ["meeting_id"] = id }));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.RunAsync(DeleteMeetingAction.Name, new JsonObject { ["meeting_id"] = id }, "key-3"));
    }

    [Fact]
    public async Task AddRegistrant_OnAMeetingWithRegistration_ReturnsTheRegistrant()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var arguments = Planning();
        arguments["registration"] = "automatic";
        var id = (await harness.RunAsync(CreateMeetingAction.Name, arguments, "key-1"))["id"]!.GetValue<string>();

        var registrant = await harness.RunAsync(AddRegistrantAction.Name, new JsonObject { ["meeting_id"] = id, ["email"] = "ana@example.com", ["first_name"] = "Ana" }, "key-2");

        SchemaAssert.MatchesOutputSchema(harness.Action(AddRegistrantAction.Name), registrant);
        Assert.Equal(id, registrant["meeting_id"]!.GetValue<string>());
        Assert.Equal("ana@example.com", Assert.Single(harness.Server.FindMeeting(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))!.Registrants).Email);
    }

    [Fact]
    public async Task AddRegistrant_WithoutRegistration_IsRefused_AndSaysHowToTurnItOn()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var id = (await harness.RunAsync(CreateMeetingAction.Name, Planning(), "key-1"))["id"]!.GetValue<string>();

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            harness.RunAsync(AddRegistrantAction.Name, new JsonObject { ["meeting_id"] = id, ["email"] = "ana@example.com", ["first_name"] = "Ana" }, "key-2"));

        Assert.Contains("does not take registrations", error.Message, StringComparison.Ordinal);
        Assert.Contains("update_meeting with registration automatic or manual", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArguments_MakeNoRequest()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var before = harness.Server.TotalRequestCount;

        Assert.Throws<ConnectorValidationException>(() => harness.Action(CreateMeetingAction.Name).Parse(new JsonObject { ["topic"] = "x", ["start_time"] = "2026-12-03T16:00:00", ["timezone"] = "Mars/Olympus" }));

        Assert.Equal(before, harness.Server.TotalRequestCount);
    }
}
