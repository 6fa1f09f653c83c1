using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Sandbox.Zoom;
using Connectors.Mcp.Zoom.Meetings.Actions;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Idempotency;

/// <summary>A create whose answer is lost: never re-sent; the meeting it made is found again by topic, start and reference.</summary>
public sealed class DroppedCreateTests
{
    private static JsonObject Planning() => new() { ["topic"] = "Planning", ["start_time"] = "2026-12-03T16:00:00", ["timezone"] = "Europe/Berlin", ["agenda"] = "Roadmap" };

    [Fact]
    public async Task DroppedCreate_IsAmbiguous_SentOnce_AndResolvesToTheOneMeetingItCreated()
    {
        await using var harness = await ZoomHarness.StartAsync();
        harness.Server.DropConnectionAfterNextCreates();

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(CreateMeetingAction.Name, Planning(), "key-1"));
        var outcome = await harness.ResolveAsync(CreateMeetingAction.Name, Planning(), "key-1");

        Assert.NotNull(outcome);
        Assert.True(outcome.TookEffect);
        SchemaAssert.MatchesOutputSchema(harness.Action(CreateMeetingAction.Name), outcome.Result!);
        Assert.Equal(1, harness.Server.MeetingsCreated);
        Assert.Equal(1, harness.Server.RequestCount(FakeZoomEndpoint.CreateMeeting));
        var created = Assert.Single(harness.Server.Meetings, m => m.Topic == "Planning");
        Assert.Equal(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Result!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerErrorAfterTheCreateWasStored_IsAmbiguous_NotRetried_AndResolvesToIt(int status)
    {
        await using var harness = await ZoomHarness.StartAsync();
        harness.Server.FailNextCreatesAfterStoring(status);

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(CreateMeetingAction.Name, Planning(), "key-1"));
        var outcome = await harness.ResolveAsync(CreateMeetingAction.Name, Planning(), "key-1");

        Assert.True(outcome!.TookEffect);
        Assert.Equal(1, harness.Server.RequestCount(FakeZoomEndpoint.CreateMeeting));
        Assert.Equal(1, harness.Server.MeetingsCreated);
    }

    [Fact]
    public async Task ACreateThatTimesOut_IsAmbiguous_NotRetried_AndResolvesToIt()
    {
        // The create must reach the fake (which stores it, then holds the answer) before the client gives up: a warm-up
        // read first (token, connection, JIT), and an attempt timeout with room for a loaded CI machine; the answer is
        // held far longer, and dropped as soon as the client aborts.
        await using var harness = await ZoomHarness.StartAsync(pipeline: new ZoomPipeline(o => o.AttemptTimeout = TimeSpan.FromSeconds(2)));
        await harness.RunAsync(ListMeetingsAction.Name, new JsonObject(), "warm-up");
        harness.Server.CreateResponseDelay = TimeSpan.FromSeconds(60);

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => harness.RunAsync(CreateMeetingAction.Name, Planning(), "key-1"));
        harness.Server.CreateResponseDelay = TimeSpan.Zero;
        var outcome = await harness.ResolveAsync(CreateMeetingAction.Name, Planning(), "key-1");

        Assert.True(outcome!.TookEffect);
        Assert.Equal(1, harness.Server.RequestCount(FakeZoomEndpoint.CreateMeeting));
        Assert.Equal(1, harness.Server.MeetingsCreated);
    }

    [Fact]
    public async Task AnotherCallsMeeting_WithTheSameTopicAndTime_IsNotMistakenForThisOne()
    {
        await using var harness = await ZoomHarness.StartAsync();
        await harness.RunAsync(CreateMeetingAction.Name, Planning(), "someone-else");

        var outcome = await harness.ResolveAsync(CreateMeetingAction.Name, Planning(), "key-1");

        Assert.NotNull(outcome);
        Assert.False(outcome.TookEffect);
        Assert.Equal(1, harness.Server.MeetingsCreated);
    }

    [Fact]
    public async Task DroppedDelete_ResolvesToApplied_WhenTheMeetingIsGone()
    {
        await using var harness = await ZoomHarness.StartAsync();
        var id = (await harness.RunAsync(CreateMeetingAction.Name, Planning(), "key-1"))["id"]!.GetValue<string>();
        await harness.RunAsync(DeleteMeetingAction.Name, new JsonObject { ["meeting_id"] = id }, "key-2");

        var outcome = await harness.ResolveAsync(DeleteMeetingAction.Name, new JsonObject { ["meeting_id"] = id }, "key-2");

        Assert.True(outcome!.TookEffect);
    }
}
