using System.Net;
using Polly;
using Polly.Timeout;

namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>
/// When one more attempt is safe. A read (GET, HEAD) may be repeated after a transient failure: 408, 429, 500, 502,
/// 503, 504, a dropped connection or an attempt timeout — but a 429/503 whose <c>Retry-After</c> is longer than
/// <see cref="ConnectorResilienceOptions.MaxRetryAfterWait"/> goes to the agent instead. Any other request (send, insert,
/// modify, token POST) is repeated only when it provably never reached the provider: the connection could not be
/// opened in time or the name not resolved. A connection dropped after the request was sent, a timeout or a 5xx leave a
/// write's outcome unknown; re-sending could deliver an email twice, so it is never re-sent here.
/// </summary>
public static class SafeRetry
{
    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request?.Method == HttpMethod.Get || request?.Method == HttpMethod.Head;

    /// <summary>
    /// The request failed before any byte of it reached the provider: the connection was refused or could not be opened,
    /// the name did not resolve, or SocketsHttpHandler's <c>ConnectTimeout</c> expired (an
    /// <see cref="OperationCanceledException"/> wrapping a <see cref="TimeoutException"/>; the caller's own cancellation
    /// and Polly's attempt timeout are not this).
    /// </summary>
    public static bool NeverSent(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
        || exception is OperationCanceledException { InnerException: TimeoutException };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeSpan maxRetryAfterWait, DateTimeOffset now)
    {
        if (outcome.Exception is { } exception)
        {
            return NeverSent(exception)
                || (IsIdempotent(request) && exception is HttpRequestException or TimeoutRejectedException);
        }

        if (outcome.Result is not { } response || !IsIdempotent(request ?? response.RequestMessage))
        {
            return false;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                RetryAfterHeader.Read(response, now) is not { } wait || wait <= maxRetryAfterWait,
            HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => true,
            _ => false,
        };
    }

    /// <summary>What counts against a connector's circuit: the provider failing, not the caller being limited or wrong.</summary>
    public static bool IsProviderFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: HttpStatusCode.RequestTimeout } or { StatusCode: >= HttpStatusCode.InternalServerError };
}
