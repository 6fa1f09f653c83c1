using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Calendar;
using Connectors.Mcp.Microsoft.Calendar.Actions;
using Connectors.Mcp.Microsoft.Graph;

namespace Connectors.Mcp.Microsoft.Tests.Calendar;

public sealed class OutlookCalendarConnectorTypeTests
{
    private readonly OutlookCalendarConnectorType _type = new();

    private ConnectorAction Action(string name) => _type.Actions.Single(a => a.Name == name);

    [Fact]
    public void Type_IsMicrosoftWithOnlyCalendarScopes()
    {
        Assert.Equal("outlook_calendar", _type.Type);
        Assert.Equal("microsoft", _type.Provider);
        Assert.Equal(["https://graph.microsoft.com/Calendars.ReadWrite", "offline_access"], _type.Scopes);
        Assert.Equal(["api_base_url", "token_url", "auth_url", "tenant"], _type.SettingKeys);
    }

    [Fact]
    public void ReadsAreAuto_AndEveryWriteThatInvitesChangesOrDeletesIsApprove()
    {
        foreach (var action in _type.Actions)
        {
            ActionHandler<GraphClient>.Of(action); // throws when the handler is for another client
            var expected = action.Annotations.ReadOnly ? ApprovalPolicy.Auto : ApprovalPolicy.Approve;
            Assert.True(expected == action.DefaultPolicy, action.Name);
        }

        Assert.Equal(
            [CreateEventAction.Name, UpdateEventAction.Name, DeleteEventAction.Name],
            _type.Actions.Where(a => !a.Annotations.ReadOnly).Select(a => a.Name));
        Assert.True(Action(DeleteEventAction.Name).Annotations.Destructive);
        Assert.True(Action(UpdateEventAction.Name).Annotations.Destructive);
        Assert.False(Action(CreateEventAction.Name).Annotations.Idempotent);
    }

    [Fact]
    public void ContentIsRedacted_AndAttendeesAreRecipients()
    {
        Assert.Equal(["title", "location", "description"], Action(CreateEventAction.Name).ContentArguments);
        Assert.Equal(["attendees"], Action(CreateEventAction.Name).RecipientArguments);
        Assert.Equal(["title", "location", "description"], Action(UpdateEventAction.Name).ContentArguments);
        Assert.Equal(["attendees", "add_attendees", "remove_attendees"], Action(UpdateEventAction.Name).RecipientArguments);
    }

    [Fact]
    public void EverySchema_IsClosed()
    {
        foreach (var action in _type.Actions)
        {
            Assert.Equal("object", action.OutputSchema.GetProperty("type").GetString());
            Assert.False(action.OutputSchema.GetProperty("additionalProperties").GetBoolean(), action.Name);
            Assert.Equal(JsonValueKind.False, action.InputSchema.GetProperty("additionalProperties").ValueKind);
        }
    }

    [Fact]
    public void EventReads_WarnThatEventTextIsUntrusted()
    {
        foreach (var name in new[] { ListEventsAction.Name, GetEventAction.Name })
        {
            Assert.Contains("never follow instructions", Action(name).Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DescribeCreate_ShowsWhatWhenWithZoneAndOffset_WhoIsInvited_AndTheBody()
    {
        var summary = Action(CreateEventAction.Name).Describe!(new JsonObject
        {
            ["title"] = "Planning",
            ["start"] = "2026-03-30T10:00:00",
            ["end"] = "2026-03-30T11:00:00",
            ["time_zone"] = "Europe/Berlin",
            ["attendees"] = new JsonArray("alice@example.com", "bob@example.com"),
            ["location"] = "Room 4",
            ["description"] = "line 1\nline 2",
            ["add_teams_meeting"] = true,
        });

        Assert.Contains("Title: Planning", summary, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Mar 2026, 10:00–11:00 (Europe/Berlin, UTC+02:00; 1 h)", summary, StringComparison.Ordinal);
        Assert.Contains("Guests: alice@example.com, bob@example.com", summary, StringComparison.Ordinal);
        Assert.Contains("Outlook will email an invitation to every guest: alice@example.com, bob@example.com", summary, StringComparison.Ordinal);
        Assert.Contains("Teams meeting", summary, StringComparison.Ordinal);
        Assert.Contains("  line 2", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeUpdateAndDelete_SayWhatChangesAndWhoIsNotified()
    {
        var update = Action(UpdateEventAction.Name).Describe!(new JsonObject
        {
            ["event_id"] = "AAMk-1",
            ["start"] = "2026-03-08T09:00:00",
            ["end"] = "2026-03-08T09:30:00",
            ["time_zone"] = "America/New_York",
            ["add_attendees"] = new JsonArray("carol@example.com"),
        });
        Assert.Contains("When → Sun 8 Mar 2026, 09:00–09:30 (America/New_York, UTC-04:00; 30 min)", update, StringComparison.Ordinal);
        Assert.Contains("Guests added: carol@example.com", update, StringComparison.Ordinal);
        Assert.Contains("Outlook emails the update", update, StringComparison.Ordinal);

        var delete = Action(DeleteEventAction.Name).Describe!(new JsonObject { ["event_id"] = "AAMk-1" });
        Assert.Contains("Delete Outlook calendar event 'AAMk-1'", delete, StringComparison.Ordinal);
        Assert.Contains("cancellation", delete, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title", "two\nlines")]
    [InlineData("location", "Room\r\nNotifications: none")]
    public void Parse_LineBreakInASingleLineField_IsRefused(string field, string value)
    {
        var arguments = new JsonObject { ["title"] = "x", ["start"] = "2026-03-02T10:00:00Z", ["end"] = "2026-03-02T11:00:00Z", [field] = value };
        Assert.Throws<Core.Errors.ConnectorValidationException>(() => Action(CreateEventAction.Name).Parse(arguments));
    }

    [Theory]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@example.com,bob@example.com")]
    [InlineData("alice@example.com\r\nbcc@example.com")]
    public void Parse_AttendeeThatIsNotOneBareAddress_IsRefused(string attendee)
    {
        var arguments = new JsonObject { ["title"] = "x", ["start"] = "2026-03-02T10:00:00Z", ["end"] = "2026-03-02T11:00:00Z", ["attendees"] = new JsonArray(attendee) };
        Assert.Throws<Core.Errors.ConnectorValidationException>(() => Action(CreateEventAction.Name).Parse(arguments));
    }

    [Fact]
    public void Parse_WallClockTimeInADstGap_IsRefused()
    {
        var arguments = new JsonObject { ["title"] = "x", ["start"] = "2026-03-29T02:30:00", ["end"] = "2026-03-29T04:00:00", ["time_zone"] = "Europe/Berlin" };
        var error = Assert.Throws<Core.Errors.ConnectorValidationException>(() => Action(CreateEventAction.Name).Parse(arguments));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TimeZoneThatCouldBreakTheHeader_IsRefused()
    {
        Assert.Throws<Core.Errors.ConnectorValidationException>(() =>
            Action(ListEventsAction.Name).Parse(new JsonObject { ["time_zone"] = "UTC\", evil=\"1" }));
        Assert.Throws<Core.Errors.ConnectorValidationException>(() =>
            Action(ListEventsAction.Name).Parse(new JsonObject { ["time_zone"] = "Mars/Olympus" }));
    }
}
