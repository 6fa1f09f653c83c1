using System.Net;
using Connectors.Mcp.Zoom.Api;

namespace Connectors.Mcp.Zoom.Tests.Api;

public sealed class ZoomRateLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 21, 30, 0, TimeSpan.Zero);

    [Fact]
    public void DailyLimit_WithoutAnyHeader_IsRecognisedByItsMessage_AndWaitsUntilMidnightUtc()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        var body = ZoomErrorBody.Read("""{"code":429,"message":"You have exceeded the daily rate limit of (100) for Create/Update meeting API requests for this user (abc). Try again tomorrow."}""");

        var error = ZoomRateLimit.Map(response, body, Now);

        Assert.Equal(TimeSpan.FromHours(2.5), error.RetryAfter);
        Assert.Contains("2026-12-02T00:00:00Z", error.Message, StringComparison.Ordinal);
        Assert.Contains("do not retry before then", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DailyLimit_ByHeader_WithAnIsoRetryAfter()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Type", "Daily-limit");
        response.Headers.TryAddWithoutValidation("Retry-After", "2026-12-02T00:00:00Z");

        var error = ZoomRateLimit.Map(response, ZoomErrorBody.Read("""{"code":429,"message":"Too many requests."}"""), Now);

        Assert.Equal(TimeSpan.FromHours(2.5), error.RetryAfter);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("Tue, 01 Dec 2026 21:30:20 GMT", 20)]
    public void PerSecondLimit_HonoursRetryAfter_InSecondsOrAsADate(string header, int seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Type", "QPS");

        var error = ZoomRateLimit.Map(response, ZoomErrorBody.Read("""{"code":429,"message":"You have reached the maximum per-second rate limit for this API. Try again later."}"""), Now);

        Assert.Equal(TimeSpan.FromSeconds(seconds), error.RetryAfter);
        Assert.DoesNotContain("daily", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
