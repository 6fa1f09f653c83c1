using System.Text.Json.Nodes;
using Connectors.Mcp.Zoom.Meetings;
using Connectors.Mcp.Zoom.Meetings.Actions;

namespace Connectors.Mcp.Zoom.Tests.Meetings;

public sealed class MeetingOutputTests
{
    private const string ZoomMeeting = """
        {"id":85746065432,"uuid":"abc==","host_id":"h1","host_email":"host@example.com","topic":"Planning","type":2,
         "status":"waiting","start_time":"2026-12-03T15:00:00Z","duration":30,"timezone":"Europe/Berlin",
         "agenda":"Roadmap\n\n[ref:zm-0123456789ab]","created_at":"2026-12-01T10:00:00Z",
         "join_url":"https://zoom.us/j/85746065432?pwd=x","start_url":"https://zoom.us/s/85746065432?zak=SECRET",
         "password":"abc123","settings":{"join_before_host":false,"waiting_room":true,"approval_type":2}}
        """;

    [Fact]
    public void Meeting_NeverCarriesTheStartUrl_AndMatchesTheSchema()
    {
        var result = MeetingOutput.Meeting(JsonNode.Parse(ZoomMeeting)!.AsObject());

        Assert.DoesNotContain("SECRET", result.ToJsonString(), StringComparison.Ordinal);
        Assert.False(result.ContainsKey("start_url"));
        Assert.Equal("85746065432", result["id"]!.GetValue<string>());
        Assert.Equal("2026-12-03T16:00:00+01:00", result["start_local"]!.GetValue<string>());
        Assert.Equal("Roadmap", result["agenda"]!.GetValue<string>());
        Assert.Equal("off", result["registration"]!.GetValue<string>());
        SchemaAssert.MatchesOutputSchema(GetMeetingAction.Declaration, Core.Connectors.NullProperties.Omit(result));
    }
}
