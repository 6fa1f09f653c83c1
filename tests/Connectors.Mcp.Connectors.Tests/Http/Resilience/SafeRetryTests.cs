using System.Net;
using Connectors.Mcp.Connectors.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Connectors.Mcp.Connectors.Tests.Http.Resilience;

/// <summary>The retry rule on its own: reads after transient failures; anything else only when it never left the machine.</summary>
public sealed class SafeRetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static HttpRequestMessage Request(string method) => new(new HttpMethod(method), "https://gmail.googleapis.com/gmail/v1/users/me/messages");

    private static bool Retries(string method, HttpStatusCode status, Action<HttpResponseMessage>? headers = null)
    {
        var request = Request(method);
        var response = new HttpResponseMessage(status) { RequestMessage = request };
        headers?.Invoke(response);
        return SafeRetry.ShouldRetry(Outcome.FromResult(response), request, MaxWait, Now);
    }

    private static bool Retries(string method, Exception exception) =>
        SafeRetry.ShouldRetry(Outcome.FromException<HttpResponseMessage>(exception), Request(method), MaxWait, Now);

    [Theory]
    [InlineData("GET", HttpStatusCode.RequestTimeout, true)]
    [InlineData("GET", HttpStatusCode.TooManyRequests, true)]
    [InlineData("GET", HttpStatusCode.InternalServerError, true)]
    [InlineData("GET", HttpStatusCode.BadGateway, true)]
    [InlineData("GET", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData("GET", HttpStatusCode.GatewayTimeout, true)]
    [InlineData("HEAD", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData("GET", HttpStatusCode.NotImplemented, false)]
    [InlineData("GET", HttpStatusCode.BadRequest, false)]
    [InlineData("GET", HttpStatusCode.Unauthorized, false)]
    [InlineData("GET", HttpStatusCode.NotFound, false)]
    [InlineData("GET", HttpStatusCode.OK, false)]
    [InlineData("POST", HttpStatusCode.ServiceUnavailable, false)]
    [InlineData("POST", HttpStatusCode.TooManyRequests, false)]
    [InlineData("POST", HttpStatusCode.InternalServerError, false)]
    [InlineData("PATCH", HttpStatusCode.BadGateway, false)]
    [InlineData("DELETE", HttpStatusCode.GatewayTimeout, false)]
    [InlineData("PUT", HttpStatusCode.RequestTimeout, false)]
    public void Responses(string method, HttpStatusCode status, bool retried) => Assert.Equal(retried, Retries(method, status));

    [Fact]
    public void RetryAfter_LongerThanTheMaximumWait_IsLeftToTheAgent_InBothForms()
    {
        Assert.False(Retries("GET", HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(6))));
        Assert.False(Retries("GET", HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new(Now.AddSeconds(60))));
        Assert.True(Retries("GET", HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(5))));
        Assert.True(Retries("GET", HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new(Now.AddSeconds(3))));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public void NeverSent_ConnectionRefusedOrNameNotResolved_IsRetriedForAnyMethod(string method)
    {
        Assert.True(Retries(method, new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        Assert.True(Retries(method, new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void NeverSent_ConnectTimeout_IsRetriedForAnyMethod(string method) =>
        Assert.True(Retries(method, new TaskCanceledException("connect", new TimeoutException("A connection could not be established within the configured ConnectTimeout."))));

    [Fact]
    public void CallerCancellation_IsNotNeverSent() => Assert.False(SafeRetry.NeverSent(new OperationCanceledException()));

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.Unknown)]
    [InlineData(HttpRequestError.InvalidResponse)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    public void MaybeSent_IsRetriedForReadsOnly(HttpRequestError error)
    {
        Assert.True(Retries("GET", new HttpRequestException(error, "dropped")));
        Assert.False(Retries("POST", new HttpRequestException(error, "dropped")));
    }

    [Fact]
    public void AttemptTimeout_IsRetriedForReadsOnly()
    {
        Assert.True(Retries("GET", new TimeoutRejectedException()));
        Assert.False(Retries("POST", new TimeoutRejectedException()));
    }

    [Fact]
    public void OtherExceptions_AreNotRetried() => Assert.False(Retries("GET", new InvalidOperationException()));

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.OK, false)]
    public void CircuitCounts_ProviderFailures_NotRateLimitsOrCallerErrors(HttpStatusCode status, bool counted) =>
        Assert.Equal(counted, SafeRetry.IsProviderFailure(Outcome.FromResult(new HttpResponseMessage(status))));
}
