using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Zoom.Api;
using Connectors.Mcp.Zoom.Meetings;
using Connectors.Mcp.Zoom.Meetings.Actions;

namespace Connectors.Mcp.Zoom.Tests.Meetings;

public sealed class ZoomConnectorTypeTests
{
    private readonly ZoomConnectorType _type = new();

    private ConnectorAction Action(string name) => _type.Actions.Single(a => a.Name == name);

    [Fact]
    public void Type_IsZoomWithMeetingScopesAndEndpointSettings()
    {
        Assert.Equal("zoom", _type.Type);
        Assert.Equal("zoom", _type.Provider);
        Assert.Equal(["meeting:read", "meeting:write"], _type.Scopes);
        Assert.Equal(["api_base_url", "token_url", "auth_url", "revoke_url"], _type.SettingKeys);
        Assert.Equal(
            ["list_meetings", "get_meeting", "create_meeting", "update_meeting", "delete_meeting", "add_registrant"],
            _type.Actions.Select(a => a.Name));
    }

    [Fact]
    public void ReadsAreAuto_AndEveryWriteIsApprove()
    {
        foreach (var action in _type.Actions)
        {
            ActionHandler<ZoomApi>.Of(action); // throws when the handler is for another client
            var expected = action.Annotations.ReadOnly ? ApprovalPolicy.Auto : ApprovalPolicy.Approve;
            Assert.True(expected == action.DefaultPolicy, action.Name);
        }

        Assert.True(Action(DeleteMeetingAction.Name).Annotations.Destructive);
        Assert.False(Action(CreateMeetingAction.Name).Annotations.Idempotent);
        Assert.True(ActionHandler<ZoomApi>.Of(Action(CreateMeetingAction.Name)).FindsOutcome);
        Assert.True(ActionHandler<ZoomApi>.Of(Action(DeleteMeetingAction.Name)).FindsOutcome);
        Assert.Equal(["email"], Action(AddRegistrantAction.Name).RecipientArguments);
    }

    [Fact]
    public void EverySchema_IsClosed_AndNoOutputNamesStartUrl()
    {
        foreach (var action in _type.Actions)
        {
            Assert.Equal("object", action.OutputSchema.GetProperty("type").GetString());
            Assert.False(action.OutputSchema.GetProperty("additionalProperties").GetBoolean(), action.Name);
            Assert.Equal(JsonValueKind.False, action.InputSchema.GetProperty("additionalProperties").ValueKind);
            Assert.DoesNotContain("start_url", action.OutputSchema.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DescribeCreate_SaysWhatWhenWithZoneAndOffset_AndWhoIsNotified()
    {
        var summary = Action(CreateMeetingAction.Name).Describe!(new JsonObject
        {
            ["topic"] = "Planning",
            ["start_time"] = "2026-12-03T16:00:00",
            ["timezone"] = "Europe/Berlin",
            ["duration"] = 45,
            ["agenda"] = "Roadmap\nBudget",
        });

        Assert.Contains("Topic: Planning", summary, StringComparison.Ordinal);
        Assert.Contains("Thu 3 Dec 2026, 16:00–16:45 (Europe/Berlin, UTC+01:00; 45 min)", summary, StringComparison.Ordinal);
        Assert.Contains("Notifications: none", summary, StringComparison.Ordinal);
        Assert.Contains("  Roadmap", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeUpdateAndDelete_SayWhoIsNotified()
    {
        var update = Action(UpdateMeetingAction.Name).Describe!(new JsonObject
        {
            ["meeting_id"] = "85746065432",
            ["start_time"] = "2026-07-01T09:30:00",
            ["timezone"] = "America/New_York",
        });
        Assert.Contains("Update Zoom meeting 85746065432", update, StringComparison.Ordinal);
        Assert.Contains("New When: Wed 1 Jul 2026, 09:30 (America/New_York, UTC-04:00)", update, StringComparison.Ordinal);
        Assert.Contains("registrants", update, StringComparison.Ordinal);

        var delete = Action(DeleteMeetingAction.Name).Describe!(new JsonObject { ["meeting_id"] = "85746065432", ["notify_registrants"] = true });
        Assert.Contains("Delete Zoom meeting 85746065432", delete, StringComparison.Ordinal);
        Assert.Contains("and every registrant", delete, StringComparison.Ordinal);

        var register = Action(AddRegistrantAction.Name).Describe!(new JsonObject { ["meeting_id"] = "1", ["email"] = "ana@example.com", ["first_name"] = "Ana" });
        Assert.Contains("Zoom emails ana@example.com", register, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"topic":"x"}""", "start_time")]
    [InlineData("""{"topic":"x","start_time":"2026-03-29T02:30:00","timezone":"Europe/Berlin"}""", "start_time")]
    [InlineData("""{"topic":"x","start_time":"2026-03-29T10:00:00","timezone":"W. Europe Standard Time"}""", "timezone")]
    [InlineData("""{"topic":"x","start_time":"2026-03-29T10:00:00Z","password":"has space"}""", "password")]
    [InlineData("""{"topic":"a\nb","start_time":"2026-03-29T10:00:00Z"}""", "topic")]
    public void CreateParse_RefusesWhatTheSchemaCannotSay(string arguments, string field)
    {
        var error = Assert.Throws<Core.Errors.ConnectorValidationException>(() => Action(CreateMeetingAction.Name).Parse(JsonNode.Parse(arguments)!.AsObject()));
        Assert.Contains($"'{field}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateParse_NeedsAFieldAndAZoneForALocalTime()
    {
        Assert.Throws<Core.Errors.ConnectorValidationException>(() => Action(UpdateMeetingAction.Name).Parse(new JsonObject { ["meeting_id"] = "1" }));
        Assert.Throws<Core.Errors.ConnectorValidationException>(() => Action(UpdateMeetingAction.Name).Parse(new JsonObject { ["meeting_id"] = "1", ["start_time"] = "2026-07-01T09:30:00" }));
        Assert.Throws<Core.Errors.ConnectorValidationException>(() => Action(GetMeetingAction.Name).Parse(new JsonObject { ["meeting_id"] = "12/../3" }));
    }
}
