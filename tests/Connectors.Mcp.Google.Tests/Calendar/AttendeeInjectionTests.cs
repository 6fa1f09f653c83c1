using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.Gmail.Mime;

namespace Connectors.Mcp.Google.Tests.Calendar;

/// <summary>
/// Every attendee field of every Calendar action takes one bare address per item, by Gmail's recipient rules: a line
/// break, a list, a display name, a group or an encoded word is a validation error naming the item — raised by the
/// declared argument check (before any approval) and by the connector itself — and no request is made, not even a
/// token request.
/// </summary>
public sealed class AttendeeInjectionTests(AttendeeInjectionTests.Fixture fixture) : IClassFixture<AttendeeInjectionTests.Fixture>
{
    private static readonly (string Action, string Field)[] AttendeeFields =
    [
        ("create_event", "attendees"),
        ("update_event", "attendees"),
        ("update_event", "add_attendees"),
        ("update_event", "remove_attendees"),
        ("find_free_busy", "attendees"),
        ("find_meeting_slots", "attendees"),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (action, field) in AttendeeFields)
        {
            foreach (var value in HeaderInjectionCases.Values)
            {
                data.Add(action, field, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadAttendeeItem_IsRejectedNamingTheItem_WithoutAnyRequest(string action, string field, string value)
    {
        var args = ValidArguments(action);
        args[field] = new JsonArray("ok@example.com", value);

        var check = Assert.Throws<ConnectorValidationException>(() => fixture.Harness.Action(action).Parse(args));
        var run = await Assert.ThrowsAsync<ConnectorValidationException>(() => fixture.Harness.ExecuteAsync(action, args));

        Assert.Equal($"{field}[1]", check.Field);
        Assert.Equal($"{field}[1]", run.Field);
        Assert.Equal(0, fixture.Harness.Server.TotalRequestCount);
        Assert.Empty(fixture.Harness.Calendar.Changes);
    }

    private static JsonObject ValidArguments(string action) => action switch
    {
        "create_event" => new JsonObject { ["title"] = "Sync", ["start"] = "2026-03-16T10:00:00Z", ["end"] = "2026-03-16T11:00:00Z" },
        "update_event" => new JsonObject { ["event_id"] = "londonq3" },
        "find_free_busy" => new JsonObject { ["time_min"] = "2026-03-16T00:00:00Z", ["time_max"] = "2026-03-17T00:00:00Z" },
        _ => new JsonObject
        {
            ["time_min"] = "2026-03-16T00:00:00Z", ["time_max"] = "2026-03-17T00:00:00Z", ["time_zone"] = "UTC", ["duration_minutes"] = 30,
        },
    };

    public sealed class Fixture : IAsyncLifetime
    {
        internal CalendarHarness Harness { get; private set; } = null!;

        public async Task InitializeAsync() => Harness = await CalendarHarness.StartAsync();

        public async Task DisposeAsync() => await Harness.DisposeAsync();
    }
}
