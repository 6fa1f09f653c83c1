using System.Globalization;
using System.Net;
using Connectors.Mcp.Sandbox.Zoom;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Fakes.Zoom;

/// <summary>The fake's fault switches: per-second 429s, the daily create/update limit, a create whose answer is lost.</summary>
public sealed class FakeZoomFaultTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThrottleNext_WithRetryAfter_Answers429ForThatManyCalls_ThenServes()
    {
        await using var server = await StartAsync(new FakeZoomServerOptions());
        using var wire = new ZoomWire(server);
        var token = server.IssueTokens().AccessToken;
        server.ThrottleNext(2, TimeSpan.FromSeconds(7));

        var first = await wire.ApiAsync(HttpMethod.Get, "users/me/meetings", token);
        var second = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"x"}""");
        var third = await wire.ApiAsync(HttpMethod.Get, "users/me/meetings", token);

        Assert.Equal("7", first.Header("Retry-After"));
        Assert.Equal("QPS", first.Header("X-RateLimit-Type"));
        Assert.Equal("Medium", first.Header("X-RateLimit-Category"));
        Assert.Contains("per-second rate limit", ZoomWire.AssertError(first, HttpStatusCode.TooManyRequests, 429)["message"]!.GetValue<string>());
        ZoomWire.AssertError(second, HttpStatusCode.TooManyRequests, 429);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(0, server.MeetingsCreated);
    }

    [Fact]
    public async Task ThrottleNext_WithoutRetryAfter_AndForOneEndpoint_LeavesTheOthersAlone()
    {
        await using var server = await StartAsync(new FakeZoomServerOptions());
        using var wire = new ZoomWire(server);
        var token = server.IssueTokens().AccessToken;
        server.ThrottleNext(1, endpoint: FakeZoomEndpoint.CreateMeeting);

        var list = await wire.ApiAsync(HttpMethod.Get, "users/me/meetings", token);
        var create = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"x"}""");
        var retry = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"x"}""");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        ZoomWire.AssertError(create, HttpStatusCode.TooManyRequests, 429);
        Assert.Null(create.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.Created, retry.Status);
    }

    [Fact]
    public async Task DailyLimit_AfterNCreatesAndUpdates_Answers429WithoutRetryAfterOrType_AndResetsAtMidnightUtc()
    {
        var time = new FakeTimeProvider(Morning);
        await using var server = await StartAsync(new FakeZoomServerOptions { Time = time, DailyCreateUpdateLimit = 3 });
        using var wire = new ZoomWire(server);
        var token = server.IssueTokens(server.MintRefreshToken()).AccessToken;
        server.AccessTokenLifetime = TimeSpan.FromDays(2);
        token = server.IssueTokens().AccessToken;

        var id = await wire.CreateAsync(token);
        await wire.CreateAsync(token);
        var update = await wire.ApiAsync(HttpMethod.Patch, $"meetings/{id}", token, """{"topic":"moved"}""");
        var refusedCreate = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"x"}""");
        var refusedUpdate = await wire.ApiAsync(HttpMethod.Patch, $"meetings/{id}", token, """{"topic":"again"}""");
        var read = await wire.ApiAsync(HttpMethod.Get, $"meetings/{id}", token);
        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero));
        var stillRefused = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"x"}""");
        time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var nextDay = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"x"}""");

        Assert.Equal(HttpStatusCode.NoContent, update.Status);
        var message = ZoomWire.AssertError(refusedCreate, HttpStatusCode.TooManyRequests, 429)["message"]!.GetValue<string>();
        Assert.Equal($"You have exceeded the daily rate limit of (3) for Create/Update meeting API requests for this user ({server.UserEmail}). Try again tomorrow.", message);
        Assert.Null(refusedCreate.Header("Retry-After"));
        Assert.Null(refusedCreate.Header("X-RateLimit-Type"));
        ZoomWire.AssertError(refusedUpdate, HttpStatusCode.TooManyRequests, 429);
        Assert.Equal("moved", read.Json["topic"]!.GetValue<string>());
        ZoomWire.AssertError(stillRefused, HttpStatusCode.TooManyRequests, 429);
        Assert.Equal(HttpStatusCode.Created, nextDay.Status);
        Assert.Equal(3, server.MeetingsCreated);
    }

    [Fact]
    public async Task DailyLimit_ConfiguredToSendHeaders_NamesTheTypeAndTheNextMidnightUtc()
    {
        var time = new FakeTimeProvider(Morning);
        await using var server = await StartAsync(new FakeZoomServerOptions
        {
            Time = time,
            DailyLimitSendsRateLimitType = true,
            DailyLimitRetryAfter = FakeZoomRetryAfterFormat.HttpDate,
        });
        using var wire = new ZoomWire(server);
        var token = server.IssueTokens().AccessToken;
        server.DailyCreateUpdateLimit = 1;

        await wire.CreateAsync(token);
        var refused = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"x"}""");

        ZoomWire.AssertError(refused, HttpStatusCode.TooManyRequests, 429);
        Assert.Equal("Daily-limit", refused.Header("X-RateLimit-Type"));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero),
            DateTimeOffset.Parse(refused.Header("Retry-After")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task DropConnectionAfterNextCreates_StoresTheMeeting_ButAnswersNothing()
    {
        await using var server = await StartAsync(new FakeZoomServerOptions { SeedMeetings = false });
        using var wire = new ZoomWire(server);
        var token = server.IssueTokens().AccessToken;
        server.DropConnectionAfterNextCreates();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"Dropped","agenda":"[marker:m1]"}"""));
        var list = (await wire.ApiAsync(HttpMethod.Get, "users/me/meetings?type=upcoming", token)).Json;
        var next = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"Answered"}""");

        Assert.Equal(1, list["total_records"]!.GetValue<int>());
        Assert.Equal("[marker:m1]", list["meetings"]![0]!["agenda"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, next.Status);
        Assert.Equal(2, server.MeetingsCreated);
        Assert.Equal(2, server.RequestCount(FakeZoomEndpoint.CreateMeeting));
    }

    [Fact]
    public async Task FailNextCreatesAfterStoring_StoresTheMeeting_ThenAnswersTheStatus()
    {
        await using var server = await StartAsync(new FakeZoomServerOptions { SeedMeetings = false });
        using var wire = new ZoomWire(server);
        var token = server.IssueTokens().AccessToken;
        server.FailNextCreatesAfterStoring(502);

        var failed = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"Maybe"}""");
        var next = await wire.ApiAsync(HttpMethod.Post, "users/me/meetings", token, """{"topic":"Surely"}""");

        ZoomWire.AssertError(failed, HttpStatusCode.BadGateway, 502);
        Assert.Equal(HttpStatusCode.Created, next.Status);
        Assert.Equal(["Maybe", "Surely"], server.Meetings.Select(m => m.Topic));
    }

    [Fact]
    public async Task ThrottleNextUntil_AnswersRetryAfterAsAnHttpDate()
    {
        await using var server = await StartAsync(new FakeZoomServerOptions { SeedMeetings = false });
        using var wire = new ZoomWire(server);
        var token = server.IssueTokens().AccessToken;
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero);
        server.ThrottleNextUntil(1, at, FakeZoomEndpoint.ListMeetings);

        var throttled = await wire.ApiAsync(HttpMethod.Get, "users/me/meetings", token);

        ZoomWire.AssertError(throttled, HttpStatusCode.TooManyRequests, 429);
        Assert.Equal("Tue, 01 Dec 2026 10:00:30 GMT", throttled.Header("Retry-After"));
    }

    [Fact]
    public async Task FailNextTokenRequests_AnswersTheStatus_AndRotatesNothing()
    {
        await using var server = await StartAsync(new FakeZoomServerOptions { SeedMeetings = false });
        using var wire = new ZoomWire(server);
        var grant = server.IssueTokens();
        server.FailNextTokenRequests(503);

        var failed = await wire.RefreshAsync(grant.RefreshToken);
        var retried = await wire.RefreshAsync(grant.RefreshToken);

        ZoomWire.AssertOAuthError(failed, HttpStatusCode.ServiceUnavailable, "server_error");
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(2, server.TokenRequests("refresh_token"));
    }

    [Fact]
    public async Task TokenResponseDelay_StillAnswersEveryConcurrentRefresh()
    {
        await using var server = await StartAsync(new FakeZoomServerOptions { TokenResponseDelay = TimeSpan.FromMilliseconds(50) });
        using var wire = new ZoomWire(server);
        var grants = Enumerable.Range(0, 4).Select(_ => server.IssueTokens()).ToList();

        var answers = await Task.WhenAll(grants.Select(g => wire.RefreshAsync(g.RefreshToken)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(4, server.TokenRequests("refresh_token"));
    }

    private static async Task<FakeZoomServer> StartAsync(FakeZoomServerOptions options)
    {
        var server = new FakeZoomServer(options);
        await server.StartAsync();
        return server;
    }
}
