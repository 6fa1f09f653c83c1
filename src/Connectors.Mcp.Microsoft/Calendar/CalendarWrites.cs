using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Polly.Timeout;

namespace Connectors.Mcp.Microsoft.Calendar;

/// <summary>
/// A Graph write (POST, PATCH, DELETE) through <see cref="GraphClient"/>, with the failures after which Graph may have
/// acted turned into <see cref="AmbiguousOutcomeException"/>: the connection dropped after the request went out, no
/// answer in time, or a 5xx (503 included). The pipeline then asks the action's find step instead of re-sending; our
/// resilience pipeline never repeats a non-GET that may have been sent (<see cref="SafeRetry"/>).
/// </summary>
internal static class CalendarWrites
{
    public static async Task<T> CallAsync<T>(GraphClient graph, Func<GraphServiceClient, CancellationToken, Task<T?>> call, string resource, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await graph.CallAsync(call, resource, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.InnerException is HttpRequestException sent && !SafeRetry.NeverSent(sent))
        {
            throw new AmbiguousOutcomeException($"The connection to Microsoft Graph dropped after the request was sent ({sent.HttpRequestError}); whether Graph acted on it is unknown.", null, ex);
        }
        catch (ProviderException ex) when (ex.InnerException is TimeoutRejectedException or OperationCanceledException && !SafeRetry.NeverSent(ex.InnerException))
        {
            throw new AmbiguousOutcomeException($"{ex.Message.TrimEnd('.')}; whether it acted on the request is unknown.", null, ex);
        }
        catch (ProviderException ex) when (ex.StatusCode >= 500)
        {
            throw new AmbiguousOutcomeException($"{ex.Message} Whether Graph acted on the request is unknown.", ex.StatusCode, ex);
        }
        catch (RateLimitedException ex) when (ex.InnerException is ApiException { ResponseStatusCode: >= 500 } api)
        {
            throw new AmbiguousOutcomeException($"Microsoft Graph answered HTTP {api.ResponseStatusCode} to a write; whether it acted on the request is unknown.", api.ResponseStatusCode, ex);
        }
    }
}
