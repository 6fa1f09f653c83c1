using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Zoom;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Fakes.Zoom;

/// <summary>The fake's meetings API answers as Zoom's does: status codes, bodies, list types and paging.</summary>
public sealed class FakeZoomMeetingsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeZoomServer _server;
    private readonly ZoomWire _wire;
    private string _token = "";

    public FakeZoomMeetingsTests()
    {
        _server = new FakeZoomServer(new FakeZoomServerOptions { Time = _time });
        _wire = new ZoomWire(_server);
    }

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _token = _server.IssueTokens().AccessToken;
    }

    public async Task DisposeAsync()
    {
        _wire.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Create_Answers201WithTheMeeting_LocalStartTimeAnsweredInUtc()
    {
        var body = new JsonObject
        {
            ["topic"] = "Launch review",
            ["type"] = 2,
            ["start_time"] = "2026-12-03T16:00:00",
            ["timezone"] = "Europe/Berlin",
            ["duration"] = 45,
            ["agenda"] = "Go/no-go [marker:abc123]",
            ["password"] = "pa55",
            ["settings"] = new JsonObject { ["waiting_room"] = true, ["join_before_host"] = false, ["approval_type"] = 2 },
        };

        var created = await _wire.ApiAsync(HttpMethod.Post, "users/me/meetings", _token, body.ToJsonString());
        var meeting = created.Json;
        var id = meeting["id"]!.GetValue<long>();
        var fetched = await _wire.ApiAsync(HttpMethod.Get, $"meetings/{id}", _token);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.InRange(id, 10_000_000_000, 99_999_999_999);
        Assert.Equal("2026-12-03T15:00:00Z", meeting["start_time"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", meeting["timezone"]!.GetValue<string>());
        Assert.Equal(45, meeting["duration"]!.GetValue<int>());
        Assert.Equal("pa55", meeting["password"]!.GetValue<string>());
        Assert.Equal("waiting", meeting["status"]!.GetValue<string>());
        Assert.True(meeting["settings"]!["waiting_room"]!.GetValue<bool>());
        Assert.StartsWith(_server.BaseUrl + $"j/{id}?pwd=", meeting["join_url"]!.GetValue<string>());
        Assert.NotNull(meeting["start_url"]);
        Assert.Equal(_server.UserEmail, meeting["host_email"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(meeting["uuid"]!.GetValue<string>(), fetched.Json["uuid"]!.GetValue<string>());
        Assert.Equal("Go/no-go [marker:abc123]", fetched.Json["agenda"]!.GetValue<string>());
        Assert.Equal(1, _server.MeetingsCreated);
        Assert.Equal(meeting["start_url"]!.GetValue<string>(), _server.FindMeeting(id)!.StartUrl);
    }

    [Fact]
    public async Task Create_UtcStartTimeAndUserIdOrEmailPaths_AreAccepted()
    {
        var byId = await _wire.ApiAsync(HttpMethod.Post, $"users/{_server.UserId}/meetings", _token, """{"topic":"A","start_time":"2026-12-05T08:30:00Z","duration":15}""");
        var byEmail = await _wire.ApiAsync(HttpMethod.Post, $"users/{_server.UserEmail}/meetings", _token, """{"topic":"B","start_time":"2026-12-05T09:30:00Z","timezone":"Asia/Tokyo"}""");
        var stranger = await _wire.ApiAsync(HttpMethod.Post, "users/someone-else/meetings", _token, """{"topic":"C"}""");

        Assert.Equal(HttpStatusCode.Created, byId.Status);
        Assert.Equal("2026-12-05T08:30:00Z", byId.Json["start_time"]!.GetValue<string>());
        Assert.Equal(2, byId.Json["type"]!.GetValue<int>());
        Assert.Equal("2026-12-05T09:30:00Z", byEmail.Json["start_time"]!.GetValue<string>());
        ZoomWire.AssertError(stranger, HttpStatusCode.NotFound, 1001);
    }

    [Fact]
    public async Task Create_InvalidFieldsOrBody_Answers400Code300_AndStoresNothing()
    {
        var tooLong = await _wire.ApiAsync(HttpMethod.Post, "users/me/meetings", _token,
            new JsonObject { ["topic"] = new string('t', 201), ["agenda"] = new string('a', 2001), ["password"] = "12345678901" }.ToJsonString());
        var badZone = await _wire.ApiAsync(HttpMethod.Post, "users/me/meetings", _token, """{"topic":"x","timezone":"Mars/Olympus"}""");
        var badStart = await _wire.ApiAsync(HttpMethod.Post, "users/me/meetings", _token, """{"topic":"x","start_time":"tomorrow at 3"}""");
        var notJson = await _wire.ApiAsync(HttpMethod.Post, "users/me/meetings", _token, "topic=x");
        var array = await _wire.ApiAsync(HttpMethod.Post, "users/me/meetings", _token, "[]");
        var duplicate = await _wire.ApiAsync(HttpMethod.Post, "users/me/meetings", _token, """{"topic":"a","topic":"b"}""");

        var fields = ZoomWire.AssertError(tooLong, HttpStatusCode.BadRequest, 300)["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>());
        Assert.Equal(["topic", "agenda", "password"], fields);
        Assert.Equal("timezone", ZoomWire.AssertError(badZone, HttpStatusCode.BadRequest, 300)["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal("start_time", ZoomWire.AssertError(badStart, HttpStatusCode.BadRequest, 300)["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Equal("Request Body should be a valid JSON object.", ZoomWire.AssertError(notJson, HttpStatusCode.BadRequest, 300)["message"]!.GetValue<string>());
        ZoomWire.AssertError(array, HttpStatusCode.BadRequest, 300);
        ZoomWire.AssertError(duplicate, HttpStatusCode.BadRequest, 300);
        Assert.Equal(0, _server.MeetingsCreated);
    }

    [Fact]
    public async Task Patch_Answers204WithNoBody_AndMergesFieldsAndSettings()
    {
        var id = await _wire.CreateAsync(_token);

        var patched = await _wire.ApiAsync(HttpMethod.Patch, $"meetings/{id}", _token,
            """{"topic":"Planning (moved)","start_time":"2026-12-04T09:00:00","settings":{"waiting_room":true}}""");
        var meeting = (await _wire.ApiAsync(HttpMethod.Get, $"meetings/{id}", _token)).Json;

        Assert.Equal(HttpStatusCode.NoContent, patched.Status);
        Assert.Equal("", patched.Text);
        Assert.Null(patched.Response.Content.Headers.ContentType);
        Assert.Equal("Planning (moved)", meeting["topic"]!.GetValue<string>());
        Assert.Equal("2026-12-04T08:00:00Z", meeting["start_time"]!.GetValue<string>()); // read in the meeting's zone, Europe/Berlin
        Assert.Equal(30, meeting["duration"]!.GetValue<int>());
        Assert.True(meeting["settings"]!["waiting_room"]!.GetValue<bool>());
        Assert.False(meeting["settings"]!["join_before_host"]!.GetValue<bool>());
        Assert.Equal(1, _server.FindMeeting(id)!.UpdateCount);
    }

    [Fact]
    public async Task Delete_Answers204WithNoBody_ThenTheMeetingIs404Code3001()
    {
        var id = await _wire.CreateAsync(_token);

        var deleted = await _wire.ApiAsync(HttpMethod.Delete, $"meetings/{id}?schedule_for_reminder=true", _token);
        var again = await _wire.ApiAsync(HttpMethod.Delete, $"meetings/{id}", _token);
        var get = await _wire.ApiAsync(HttpMethod.Get, $"meetings/{id}", _token);
        var patch = await _wire.ApiAsync(HttpMethod.Patch, $"meetings/{id}", _token, """{"topic":"x"}""");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal("", deleted.Text);
        ZoomWire.AssertError(again, HttpStatusCode.NotFound, 3001);
        Assert.Equal($"Meeting does not exist: {id}.", ZoomWire.AssertError(get, HttpStatusCode.NotFound, 3001)["message"]!.GetValue<string>());
        ZoomWire.AssertError(patch, HttpStatusCode.NotFound, 3001);
        Assert.True(_server.FindMeeting(id)!.IsDeleted);
    }

    [Fact]
    public async Task Registrants_WhereRegistrationIsOn_Answer201_ElseZoomsNotEnabledError()
    {
        var open = _server.Meetings.Single(m => m.RegistrationEnabled);
        var closed = await _wire.CreateAsync(_token);

        var added = await _wire.ApiAsync(HttpMethod.Post, $"meetings/{open.Id}/registrants", _token, """{"email":"ana@example.com","first_name":"Ana","last_name":"Silva"}""");
        var refused = await _wire.ApiAsync(HttpMethod.Post, $"meetings/{closed}/registrants", _token, """{"email":"ana@example.com","first_name":"Ana"}""");
        var invalid = await _wire.ApiAsync(HttpMethod.Post, $"meetings/{open.Id}/registrants", _token, """{"email":"not-an-email"}""");

        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(open.Id, added.Json["id"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(added.Json["registrant_id"]!.GetValue<string>()));
        Assert.StartsWith(_server.BaseUrl.ToString(), added.Json["join_url"]!.GetValue<string>());
        Assert.Equal(open.Topic, added.Json["topic"]!.GetValue<string>());
        Assert.Equal($"Registration has not been enabled for this meeting: {closed}.", ZoomWire.AssertError(refused, HttpStatusCode.NotFound, 404)["message"]!.GetValue<string>());
        Assert.Equal(["email", "first_name"], ZoomWire.AssertError(invalid, HttpStatusCode.BadRequest, 300)["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()));
        Assert.Equal("ana@example.com", Assert.Single(_server.FindMeeting(open.Id)!.Registrants).Email);
    }

    [Fact]
    public async Task List_Paging_WalksEveryPageOnce_EvenWithACreateBetweenPages()
    {
        for (var i = 0; i < 20; i++)
        {
            await _wire.CreateAsync(_token, $"Bulk {i:D2}", $"2026-12-{10 + (i % 5):D2}T{8 + (i % 3):D2}:00:00");
        }

        var seen = new List<long>();
        var token = "";
        var pages = 0;
        int? total = null;
        do
        {
            var page = (await _wire.ApiAsync(HttpMethod.Get, $"users/me/meetings?type=scheduled&page_size=4&next_page_token={Uri.EscapeDataString(token)}", _token)).Json;
            total ??= page["total_records"]!.GetValue<int>();
            Assert.Equal(4, page["page_size"]!.GetValue<int>());
            seen.AddRange(page["meetings"]!.AsArray().Select(m => m!["id"]!.GetValue<long>()));
            token = page["next_page_token"]!.GetValue<string>();
            if (pages++ == 1)
            {
                await _wire.CreateAsync(_token, "Created mid-walk", "2026-12-31T08:00:00"); // sorts last: the walk meets it once
            }
        }
        while (token.Length > 0 && pages < 50);

        var expected = _server.Meetings.Where(m => !m.IsDeleted).Select(m => m.Id).Order().ToList();
        Assert.Equal(27, total); // 7 seeded + 20
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected, seen.Order().ToList());
        Assert.Equal(7, pages);
    }

    [Fact]
    public async Task List_UpcomingAndPrevious_SplitByTheFakesClock_AndPreviousIsMostRecentFirst()
    {
        var now = _time.GetUtcNow();

        var upcoming = await ListAllAsync("upcoming");
        var previous = await ListAllAsync("previous_meetings");
        var scheduled = await ListAllAsync("scheduled");

        Assert.True(upcoming.Count >= 4, "seeded upcoming meetings");
        Assert.True(previous.Count >= 2, "seeded previous meetings");
        Assert.All(upcoming, m => Assert.True(End(m) > now));
        Assert.All(previous, m => Assert.True(End(m) <= now));
        Assert.Equal(previous.Select(Start).OrderDescending(), previous.Select(Start));
        Assert.Equal(upcoming.Select(Start).Order(), upcoming.Select(Start));
        Assert.Equal(scheduled.Select(Id).Order(), upcoming.Concat(previous).Select(Id).Order());
        Assert.All(scheduled, m => Assert.Null(m["start_url"]));
        Assert.All(scheduled, m => Assert.Null(m["password"]));
    }

    [Fact]
    public async Task List_BadTypeOrPageToken_Answers400Code300_AndPageSizeIsCappedAt300()
    {
        var badType = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings?type=someday", _token);
        var badToken = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings?next_page_token=forged", _token);
        var big = await _wire.ApiAsync(HttpMethod.Get, "users/me/meetings?page_size=5000", _token);

        ZoomWire.AssertError(badType, HttpStatusCode.BadRequest, 300);
        ZoomWire.AssertError(badToken, HttpStatusCode.BadRequest, 300);
        Assert.Equal(300, big.Json["page_size"]!.GetValue<int>());
        Assert.Equal("", big.Json["next_page_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task SeededAgenda_WithAPromptInjection_IsPlainData()
    {
        var vendor = _server.Meetings.Single(m => m.Topic == "Vendor intro call");

        var meeting = (await _wire.ApiAsync(HttpMethod.Get, $"meetings/{vendor.Id}", _token)).Json;

        Assert.Contains("IGNORE ALL PREVIOUS INSTRUCTIONS", meeting["agenda"]!.GetValue<string>());
        Assert.Equal("Asia/Tokyo", meeting["timezone"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPathOrMethod_Answers404WithZoomsErrorBody()
    {
        var path = await _wire.ApiAsync(HttpMethod.Get, "webinars/1", _token);
        var method = await _wire.ApiAsync(HttpMethod.Put, "meetings/1", _token, "{}");

        ZoomWire.AssertError(path, HttpStatusCode.NotFound, 404);
        ZoomWire.AssertError(method, HttpStatusCode.NotFound, 404);
    }

    private async Task<List<JsonObject>> ListAllAsync(string type)
    {
        var all = new List<JsonObject>();
        var token = "";
        do
        {
            var page = (await _wire.ApiAsync(HttpMethod.Get, $"users/me/meetings?type={type}&page_size=2&next_page_token={Uri.EscapeDataString(token)}", _token)).Json;
            all.AddRange(page["meetings"]!.AsArray().Select(m => m!.AsObject()));
            token = page["next_page_token"]!.GetValue<string>();
        }
        while (token.Length > 0);

        return all;
    }

    private static long Id(JsonObject m) => m["id"]!.GetValue<long>();

    private static DateTimeOffset Start(JsonObject m) => DateTimeOffset.Parse(m["start_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset End(JsonObject m) => Start(m).AddMinutes(m["duration"]!.GetValue<int>());
}
