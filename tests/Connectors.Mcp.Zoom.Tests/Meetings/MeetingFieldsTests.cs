using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Zoom.Meetings;
using Connectors.Mcp.Zoom.Tests.TestSupport;

namespace Connectors.Mcp.Zoom.Tests.Meetings;

public sealed class MeetingFieldsTests
{
    [Fact]
    public void Create_SendsTheInstantInUtc_TheZone_TheSettings_AndTheMarkerInTheAgenda()
    {
        var fields = MeetingFields.Parse(new ActionArguments(new JsonObject
        {
            ["topic"] = "Planning",
            ["start_time"] = "2026-12-03T16:00:00",
            ["timezone"] = "Europe/Berlin",
            ["agenda"] = "Roadmap",
            ["waiting_room"] = true,
            ["registration"] = "manual",
        }), localNeedsZone: false);

        var body = fields.ToZoom(create: true, marker: "[ref:zm-0123456789ab]");

        Assert.Equal("2026-12-03T15:00:00Z", body["start_time"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", body["timezone"]!.GetValue<string>());
        Assert.Equal(2, body["type"]!.GetValue<int>());
        Assert.Equal(30, body["duration"]!.GetValue<int>());
        Assert.Equal("Roadmap\n\n[ref:zm-0123456789ab]", body["agenda"]!.GetValue<string>());
        Assert.Equal(1, body["settings"]!["approval_type"]!.GetValue<int>());
        Assert.True(body["settings"]!["waiting_room"]!.GetValue<bool>());
    }

    [Fact]
    public void Update_SendsOnlyTheGivenFields()
    {
        var fields = MeetingFields.Parse(new ActionArguments(new JsonObject { ["start_time"] = "2026-12-03T15:00:00Z" }), localNeedsZone: true);

        var body = fields.ToZoom(create: false, marker: null);

        Assert.Equal("""{"start_time":"2026-12-03T15:00:00Z"}""", body.ToJsonString());
    }

    [Fact]
    public void AmbiguousWallClockTime_IsItsFirstOccurrence()
    {
        var time = MeetingTime.Parse("start_time", "2026-10-25T02:30:00", "Europe/Berlin");

        Assert.Equal(TimeSpan.FromHours(2), time.Start.Offset);
    }

    [Fact]
    public void Marker_IsDerivedFromTheIdempotencyKey_AndStrippedFromResults()
    {
        var a = AgendaMarker.For(PlainContext.For("key-1"), "create_meeting");
        var again = AgendaMarker.For(PlainContext.For("key-1"), "create_meeting");
        var b = AgendaMarker.For(PlainContext.For("key-2"), "create_meeting");

        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
        Assert.Matches(@"^\[ref:zm-[0-9a-f]{12}\]$", a!);
        Assert.Equal("Roadmap", AgendaMarker.Strip(AgendaMarker.Append("Roadmap", a)));
        Assert.Null(AgendaMarker.For(PlainContext.For(null), "create_meeting"));
    }
}
