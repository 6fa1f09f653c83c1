using System.Net;
using Google.Apis.Http;
using Google.Apis.Util;

namespace Connectors.Mcp.Google.Http;

/// <summary>
/// What the connector retries on its own: only reads (GET) that failed with a transient server error. Anything that
/// writes (send, draft, modify) is never re-sent: a retried send after a 503 can deliver the same email twice. Rate
/// limits (429) are not retried either; they reach the agent with their Retry-After.
/// </summary>
internal static class SafeRetryPolicy
{
    public const int MaxReadRetries = 2;

    public static BackOffHandler CreateReadRetryHandler() =>
        new(new BackOffHandler.Initializer(new ExponentialBackOff(TimeSpan.FromMilliseconds(200), MaxReadRetries))
        {
            HandleUnsuccessfulResponseFunc = IsRetryableRead,
            HandleExceptionFunc = _ => false,
        });

    public static bool IsRetryableRead(HttpResponseMessage response) =>
        response.RequestMessage?.Method == HttpMethod.Get
        && response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
