using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Auth;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Connectors.Mcp.Microsoft.Graph;

/// <summary>
/// The Graph SDK (<see cref="GraphServiceClient"/>) over the connector's resilient HttpClient, as it is: the SDK's own
/// middleware (RetryHandler, RedirectHandler, …) is only added when the SDK builds its client, so our pipeline is the
/// one layer that retries. Each call gets the current access token (<see cref="GraphAuthentication"/>), one refresh and
/// re-run after a 401, and every failure mapped to the product's typed errors: 404 → not found, 429 / 503 → rate limited
/// with Retry-After (seconds or HTTP date), 401 after a refresh → reconnect required, 403 → provider error; for a write
/// (<see cref="WriteAsync{T}"/>) a 5xx, a dropped connection or a timeout → ambiguous outcome.
/// </summary>
internal sealed class GraphClient
{
    private static readonly object NoBody = new();
    private readonly MicrosoftAuthorization _authorization;
    private readonly GraphAuthentication _authentication;
    private readonly string _apiName;
    private readonly TimeProvider _time;

    public GraphClient(HttpClient http, Uri baseUri, MicrosoftAuthorization authorization, string apiName, TimeProvider time)
    {
        BaseUri = new Uri(baseUri.ToString().TrimEnd('/'));
        _authorization = authorization;
        _authentication = new GraphAuthentication(authorization, BaseUri);
        _apiName = apiName;
        _time = time;
        Sdk = new GraphServiceClient(http, _authentication, BaseUri.ToString());
    }

    /// <summary>The configured <c>api_base_url</c>, without a trailing slash.</summary>
    public Uri BaseUri { get; }

    public GraphServiceClient Sdk { get; }

    /// <summary>Runs one SDK read (re-run once after a 401 with refreshed tokens) and maps its failures.</summary>
    /// <param name="resource">What the request names, for a 404 (e.g. <c>Outlook message 'AAMk…'</c>).</param>
    public Task<T> CallAsync<T>(Func<GraphServiceClient, CancellationToken, Task<T?>> call, string resource, CancellationToken cancellationToken)
        where T : class =>
        RunAsync(call, resource, write: false, cancellationToken);

    /// <summary>
    /// Runs one SDK write (POST, PATCH): like <see cref="CallAsync{T}"/>, except that a failure after the request may have
    /// reached Graph — a 5xx, a dropped connection, a timeout — is an <see cref="AmbiguousOutcomeException"/>, never a plain
    /// error, so nobody re-sends it blindly (our pipeline does not retry a POST either: <see cref="SafeRetry"/>).
    /// </summary>
    public Task<T> WriteAsync<T>(Func<GraphServiceClient, CancellationToken, Task<T?>> call, string resource, CancellationToken cancellationToken)
        where T : class =>
        RunAsync(call, resource, write: true, cancellationToken);

    /// <summary>A write Graph answers without a body (e.g. <c>POST /me/messages/{id}/send</c>, 202 Accepted).</summary>
    public Task WriteAsync(Func<GraphServiceClient, CancellationToken, Task> call, string resource, CancellationToken cancellationToken) =>
        RunAsync<object>(async (sdk, ct) =>
        {
            await call(sdk, ct).ConfigureAwait(false);
            return NoBody;
        }, resource, write: true, cancellationToken);

    private async Task<T> RunAsync<T>(Func<GraphServiceClient, CancellationToken, Task<T?>> call, string resource, bool write, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await SendAsync(call, write, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.Unauthorized && _authentication.LastToken is { } rejected)
        {
            // A 401 is answered before Graph acts: re-running a write after it is safe.
            await _authorization.RefreshAfterRejectionAsync(rejected, cancellationToken).ConfigureAwait(false);
            try
            {
                return await SendAsync(call, write, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException again)
            {
                throw await MapAsync(again, resource, write).ConfigureAwait(false);
            }
        }
        catch (ApiException ex)
        {
            throw await MapAsync(ex, resource, write).ConfigureAwait(false);
        }
    }

    private async Task<T> SendAsync<T>(Func<GraphServiceClient, CancellationToken, Task<T?>> call, bool write, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await call(Sdk, cancellationToken).ConfigureAwait(false)
                ?? throw new ProviderException($"{_apiName} answered without a body.");
        }
        catch (CircuitOpenException ex)
        {
            var until = ex.OpenUntil is { } at ? $"until {at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "for a short while";
            throw new ProviderException($"{_apiName} for connector {ex.ConnectorId} is failing; calls are paused {until}. The request was not sent.", null, ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            var wait = ex.RetryAfter ?? TimeSpan.FromSeconds(1);
            throw new RateLimitedException($"{_apiName} for this connector is busy: too many calls are in flight or waiting. The request was not sent. Retry after {Seconds(wait)} seconds.", wait, ex);
        }
        catch (HttpRequestException ex) when (write && SafeRetry.NeverSent(ex))
        {
            throw new ProviderException($"{_apiName} could not be reached ({ex.HttpRequestError}); the request was not sent.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw write
                ? new AmbiguousOutcomeException($"The connection to {_apiName} dropped after the request was sent ({ex.HttpRequestError}); whether {_apiName} acted on it is unknown.", null, ex)
                : new ProviderException($"{_apiName} could not be reached ({ex.HttpRequestError}).", null, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            var seconds = ex.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            throw write
                ? new AmbiguousOutcomeException($"{_apiName} did not answer within {seconds} seconds; whether it acted on the request is unknown.", null, ex)
                : new ProviderException($"{_apiName} did not answer within {seconds} seconds.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && write && SafeRetry.NeverSent(ex))
        {
            throw new ProviderException($"{_apiName} could not be reached (no connection within the connect timeout); the request was not sent.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw write
                ? new AmbiguousOutcomeException($"{_apiName} did not answer in time; whether it acted on the request is unknown.", null, ex)
                : new ProviderException($"{_apiName} did not answer in time.", null, ex);
        }
    }

    private async Task<ConnectorException> MapAsync(ApiException exception, string resource, bool write)
    {
        var status = exception.ResponseStatusCode;
        var error = exception is ODataError { Error: { } main } ? main : null;
        var message = $"{error?.Code ?? "unknownError"}: {Bound(error?.Message ?? "no Graph error body")}";
        if (write && status >= 500)
        {
            // Graph may have acted before its front end failed (even a 503): the outcome of a write is unknown.
            return new AmbiguousOutcomeException($"{_apiName} answered HTTP {status} ({message}); whether it acted on the request is unknown.", status, exception);
        }

        switch ((HttpStatusCode)status)
        {
            case HttpStatusCode.NotFound:
                return new ResourceNotFoundException($"{resource} was not found ({message}).");
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                var retryAfter = RetryAfter(exception);
                var when = retryAfter is { } wait ? $"Retry after {Seconds(wait)} seconds." : "Retry later.";
                return new RateLimitedException($"{_apiName} is throttling this connector (HTTP {status}, {message}). {when}", retryAfter, exception);
            case HttpStatusCode.Unauthorized:
                return await _authorization.ReconnectRequiredAsync($"{_apiName} rejected its access token even after a refresh (HTTP 401, {error?.Code}).", exception).ConfigureAwait(false);
            case HttpStatusCode.Forbidden:
                return new ProviderException($"{_apiName} refused access (HTTP 403, {message}): the account or its administrator has not granted what this action needs.", status, exception);
            case HttpStatusCode.BadRequest:
                return new ProviderException($"{_apiName} rejected the request: {message}", status, exception);
            default:
                return new ProviderException($"{_apiName} answered HTTP {status}: {message}", status, exception);
        }
    }

    /// <summary><c>Retry-After</c> in seconds or as an HTTP date, measured with the connector's clock.</summary>
    private TimeSpan? RetryAfter(ApiException exception)
    {
        var header = exception.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (header is null || !RetryConditionHeaderValue.TryParse(header, out var value))
        {
            return null;
        }

        var wait = value.Delta ?? (value.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static string Bound(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
