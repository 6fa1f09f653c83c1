using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Google.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Google.Tests.Calendar.Sandbox;

/// <summary>The fake Calendar speaks Calendar v3's wire format: these check it directly, without the connector.</summary>
public sealed class FakeCalendarTests : IAsyncLifetime
{
    private readonly FakeGoogleServer _server = new(new FakeGoogleServerOptions { Time = new FakeTimeProvider(CalendarHarness.Start), SeedMailbox = false });
    private readonly HttpClient _http = new();
    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _token = _server.IssueTokens().AccessToken;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task WithoutABearerToken_Is401WithGooglesBody()
    {
        using var response = await _http.GetAsync(new Uri(_server.BaseUrl, "calendar/v3/users/me/calendarList"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (int)body["error"]!["code"]!);
        Assert.Equal("UNAUTHENTICATED", (string)body["error"]!["status"]!);
    }

    [Fact]
    public async Task Insert_WithATakenId_Is409Duplicate_AsGoogleAnswers()
    {
        var body = """{"id":"dup0001","summary":"x","start":{"dateTime":"2026-03-16T10:00:00Z"},"end":{"dateTime":"2026-03-16T11:00:00Z"}}""";
        using var first = await SendAsync(HttpMethod.Post, "calendar/v3/calendars/primary/events?sendUpdates=all", body);
        using var second = await SendAsync(HttpMethod.Post, "calendar/v3/calendars/primary/events", body);
        var error = JsonNode.Parse(await second.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("The requested identifier already exists.", (string)error["message"]!);
        Assert.Equal("duplicate", (string)error["errors"]![0]!["reason"]!);
        Assert.Equal(["all"], _server.Calendar.Changes.Select(c => c.SendUpdates));
    }

    [Theory]
    [InlineData("""{"summary":"x","start":{"dateTime":"2026-03-16T10:00:00"},"end":{"dateTime":"2026-03-16T11:00:00"}}""", "Missing time zone definition for start time.")]
    [InlineData("""{"summary":"x","start":{"dateTime":"2026-03-16T10:00:00Z"}}""", "Missing end time.")]
    [InlineData("""{"summary":"x","start":{"dateTime":"2026-03-16T10:00:00Z"},"end":{"dateTime":"2026-03-16T09:00:00Z"}}""", "The specified time range is empty.")]
    [InlineData("""{"id":"UPPER","summary":"x","start":{"date":"2026-03-16"},"end":{"date":"2026-03-17"}}""", "Invalid resource id value.")]
    [InlineData("""{"summary":"x","start":{"date":"2026-03-16"},"end":{"dateTime":"2026-03-17T10:00:00Z"}}""", "Start and end times must either both be date or both be dateTime.")]
    public async Task Insert_InvalidEvent_Is400WithGooglesMessage(string body, string message)
    {
        using var response = await SendAsync(HttpMethod.Post, "calendar/v3/calendars/primary/events", body);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (string)error["message"]!);
        Assert.Empty(_server.Calendar.Changes);
    }

    [Fact]
    public async Task List_OrderByStartTime_NeedsSingleEvents()
    {
        using var response = await SendAsync(HttpMethod.Get, "calendar/v3/calendars/primary/events?orderBy=startTime");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_WithoutSingleEvents_ReturnsTheSeriesWithItsRecurrence()
    {
        using var response = await SendAsync(HttpMethod.Get, "calendar/v3/calendars/primary/events?q=Atlas%20team%20sync");
        var items = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray();

        var series = Assert.Single(items);
        Assert.Equal("atlasteammeeting01", (string)series!["id"]!);
        Assert.Equal("RRULE:FREQ=WEEKLY;BYDAY=TU", (string)series["recurrence"]![0]!);
    }

    [Theory]
    [InlineData("RRULE:FREQ=DAILY;INTERVAL=2;COUNT=4", new[] { "2026-03-16T08:00:00+01:00", "2026-03-18T08:00:00+01:00", "2026-03-20T08:00:00+01:00", "2026-03-22T08:00:00+01:00" })]
    [InlineData("RRULE:FREQ=DAILY;UNTIL=20260318T235959Z", new[] { "2026-03-16T08:00:00+01:00", "2026-03-17T08:00:00+01:00", "2026-03-18T08:00:00+01:00" })]
    [InlineData("RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3", new[] { "2026-03-16T08:00:00+01:00", "2026-03-19T08:00:00+01:00", "2026-03-23T08:00:00+01:00" })]
    [InlineData("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20260414", new[] { "2026-03-16T08:00:00+01:00", "2026-03-30T08:00:00+02:00", "2026-04-13T08:00:00+02:00" })]
    public async Task List_SingleEvents_ExpandsTheRule_AtTheSameLocalTime(string rule, string[] starts)
    {
        _server.Calendar.RemoveAllEvents();
        _server.Calendar.AddEvent("primary", new JsonObject
        {
            ["id"] = "rule0001",
            ["summary"] = "Rule",
            ["start"] = new JsonObject { ["dateTime"] = "2026-03-16T08:00:00", ["timeZone"] = "Europe/Berlin" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-03-16T08:30:00", ["timeZone"] = "Europe/Berlin" },
            ["recurrence"] = new JsonArray(rule),
        });

        using var response = await SendAsync(
            HttpMethod.Get, "calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime&timeMin=2026-03-01T00:00:00Z&timeMax=2026-06-01T00:00:00Z&timeZone=Europe%2FBerlin");
        var items = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray();

        Assert.Equal(starts, items.Select(i => (string)i!["start"]!["dateTime"]!));
        Assert.All(items, i => Assert.Equal("rule0001", (string)i!["recurringEventId"]!));
    }

    [Fact]
    public async Task FreeBusy_AnswersPerRequestedId_WithBusyOrErrors()
    {
        _server.Calendar.FailFreeBusyFor("marco@northwind.example", "internalError");
        var body = """
            {"timeMin":"2026-03-04T00:00:00-05:00","timeMax":"2026-03-05T00:00:00-05:00","timeZone":"America/New_York",
             "items":[{"id":"primary"},{"id":"priya@northwind.example"},{"id":"marco@northwind.example"},{"id":"nobody@elsewhere.example"}]}
            """;

        using var response = await SendAsync(HttpMethod.Post, "calendar/v3/freeBusy", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var calendars = json["calendars"]!.AsObject();

        Assert.Equal("calendar#freeBusy", (string)json["kind"]!);
        Assert.Equal("2026-03-04T05:00:00.000Z", (string)json["timeMin"]!);
        Assert.Equal("2026-03-04T09:15:00-05:00", (string)calendars["primary"]!["busy"]![0]!["start"]!);
        Assert.Equal("2026-03-04T13:00:00-05:00", (string)calendars["priya@northwind.example"]!["busy"]![0]!["start"]!);
        Assert.Equal("internalError", (string)calendars["marco@northwind.example"]!["errors"]![0]!["reason"]!);
        Assert.Equal("notFound", (string)calendars["nobody@elsewhere.example"]!["errors"]![0]!["reason"]!);
        Assert.Empty(calendars["nobody@elsewhere.example"]!["busy"]!.AsArray());
    }

    [Fact]
    public async Task Delete_Is204_ThenGone()
    {
        using var deleted = await SendAsync(HttpMethod.Delete, "calendar/v3/calendars/primary/events/londonq3?sendUpdates=externalOnly");
        using var again = await SendAsync(HttpMethod.Delete, "calendar/v3/calendars/primary/events/londonq3");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("externalOnly", _server.Calendar.Changes.Single().SendUpdates);
    }

    [Fact]
    public async Task CalendarIdWithHash_IsAddressedPercentEncoded()
    {
        using var response = await SendAsync(HttpMethod.Get, "calendar/v3/calendars/en.usa%23holiday%40group.v.calendar.google.com/events");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Holidays in United States", (string)json["summary"]!);
        Assert.Equal("reader", (string)json["accessRole"]!);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_server.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }
}
