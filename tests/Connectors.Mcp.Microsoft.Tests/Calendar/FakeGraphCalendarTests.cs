using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Sandbox.Microsoft.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Microsoft.Tests.Calendar;

/// <summary>The fake speaks Graph's calendar wire contract: status codes, headers and bodies, seen over raw HTTP.</summary>
public sealed class FakeGraphCalendarTests : IAsyncLifetime
{
    private readonly FakeMicrosoftServer _server = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 12, 0, 0, TimeSpan.Zero)));
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.IssueTokens().AccessToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Uri Url(string path) => new($"{_server.GraphBaseUrl.AbsoluteUri.TrimEnd('/')}/{path}");

    [Fact]
    public async Task CalendarView_WithTimeZonePreference_AnswersPreferenceAppliedAndWallClockTimes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("me/calendarView?startDateTime=2026-03-12T00:00:00Z&endDateTime=2026-03-19T00:00:00Z&$top=50"));
        request.Headers.TryAddWithoutValidation("Prefer", "outlook.timezone=\"Europe/Berlin\"");
        request.Headers.TryAddWithoutValidation("Prefer", "outlook.body-content-type=\"text\"");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("outlook.timezone=\"Europe/Berlin\"", string.Join(",", response.Headers.GetValues("Preference-Applied")), StringComparison.Ordinal);
        var events = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.AsArray();
        var sync = events.First(e => (string?)e!["seriesMasterId"] == SandboxCalendarSeed.WeeklySeriesId)!;
        Assert.Equal("occurrence", (string?)sync["type"]);
        Assert.Equal("Europe/Berlin", (string?)sync["start"]!["timeZone"]);
        Assert.EndsWith("T10:00:00.0000000", (string?)sync["start"]!["dateTime"], StringComparison.Ordinal);
        Assert.Equal("text", (string?)sync["body"]!["contentType"]);
    }

    [Fact]
    public async Task CalendarView_WithoutAWindow_IsABadRequest()
    {
        using var response = await _http.GetAsync(Url("me/calendarView"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ErrorInvalidParameter", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateThenDelete_Answers201Then204_ThenTheEventIs404ErrorItemNotFound()
    {
        var body = """{"subject":"x","start":{"dateTime":"2026-03-13T10:00:00","timeZone":"Pacific Standard Time"},"end":{"dateTime":"2026-03-13T11:00:00","timeZone":"Pacific Standard Time"}}""";
        using var created = await _http.PostAsync(Url("me/events"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

        using var deleted = await _http.DeleteAsync(Url($"me/events/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var missing = await _http.GetAsync(Url($"me/events/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("ErrorItemNotFound", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_Answers429WithRetryAfterInSeconds()
    {
        _server.Calendar.InjectFault(FakeCalendarEndpoints.Calendars, FakeGraphFault.Throttled(TimeSpan.FromSeconds(7)));

        using var response = await _http.GetAsync(Url("me/calendars"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }
}
