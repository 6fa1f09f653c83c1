using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Zoom.Auth;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Connectors.Mcp.Zoom.Api;

/// <summary>
/// Zoom REST API v2 over the connector's resilient HttpClient. Each call carries the current bearer token; after a 401
/// (answered before Zoom acts) the token is renewed once and the call re-sent. Failures become the product's typed
/// errors: 404 → not found, 429 → rate limited (the daily create/update limit with the wait until 00:00 UTC), 401 after
/// a renewal → reconnect; and for a write (POST, PATCH, DELETE) a 5xx, a dropped connection or a timeout after the
/// request left → <see cref="AmbiguousOutcomeException"/>, never re-sent (the pipeline's <see cref="SafeRetry"/> does not
/// retry such a request either).
/// </summary>
internal sealed class ZoomApi(HttpClient http, Uri baseUri, IZoomAccessToken tokens, TimeProvider time)
{
    private const string ApiName = "Zoom";
    private const int MaxResponseCharacters = 4 * 1024 * 1024;

    public async Task<JsonObject> GetAsync(string pathAndQuery, string resource, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, pathAndQuery, null, resource, cancellationToken).ConfigureAwait(false)
        ?? throw new ProviderException($"{ApiName} answered the request for {resource} without a body.");

    public async Task<JsonObject> PostAsync(string path, JsonObject body, string resource, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Post, path, body, resource, cancellationToken).ConfigureAwait(false)
        ?? throw new ProviderException($"{ApiName} answered the request for {resource} without a body.");

    public Task PatchAsync(string path, JsonObject body, string resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, body, resource, cancellationToken);

    public Task DeleteAsync(string pathAndQuery, string resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, pathAndQuery, null, resource, cancellationToken);

    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, string resource, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var (response, text) = await SendOnceAsync(method, path, body, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            token = await tokens.RenewAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
            (response, text) = await SendOnceAsync(method, path, body, token, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return Parse(text, resource);
            }

            throw await MapAsync(response, text, resource, IsWrite(method)).ConfigureAwait(false);
        }
    }

    private async Task<(HttpResponseMessage Response, string Body)> SendOnceAsync(HttpMethod method, string path, JsonObject? body, string token, CancellationToken cancellationToken)
    {
        var write = IsWrite(method);
        using var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return (response, text);
        }
        catch (CircuitOpenException ex)
        {
            var until = ex.OpenUntil is { } at ? $"until {at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "for a short while";
            throw new ProviderException($"{ApiName} for connector {ex.ConnectorId} is failing; calls are paused {until}. The request was not sent.", null, ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            var wait = ex.RetryAfter ?? TimeSpan.FromSeconds(1);
            throw new RateLimitedException($"{ApiName} for this connector is busy: too many calls are in flight or waiting. The request was not sent. Retry after {Seconds(wait)} seconds.", wait, ex);
        }
        catch (HttpRequestException ex) when (write && SafeRetry.NeverSent(ex))
        {
            throw new ProviderException($"{ApiName} could not be reached ({ex.HttpRequestError}); the request was not sent.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw write
                ? new AmbiguousOutcomeException($"The connection to {ApiName} dropped after the request was sent ({ex.HttpRequestError}); whether {ApiName} acted on it is unknown.", null, ex)
                : new ProviderException($"{ApiName} could not be reached ({ex.HttpRequestError}).", null, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw write
                ? new AmbiguousOutcomeException($"{ApiName} did not answer within {Seconds(ex.Timeout)} seconds; whether it acted on the request is unknown.", null, ex)
                : new ProviderException($"{ApiName} did not answer within {Seconds(ex.Timeout)} seconds.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && write && SafeRetry.NeverSent(ex))
        {
            throw new ProviderException($"{ApiName} could not be reached (no connection within the connect timeout); the request was not sent.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw write
                ? new AmbiguousOutcomeException($"{ApiName} did not answer in time; whether it acted on the request is unknown.", null, ex)
                : new ProviderException($"{ApiName} did not answer in time.", null, ex);
        }
    }

    private async Task<ConnectorException> MapAsync(HttpResponseMessage response, string text, string resource, bool write)
    {
        var status = (int)response.StatusCode;
        var error = ZoomErrorBody.Read(text.Length > MaxResponseCharacters ? "" : text);
        if (write && status >= 500)
        {
            // Zoom may have acted before its front end failed: the outcome of a write is unknown.
            return new AmbiguousOutcomeException($"{ApiName} answered HTTP {status} ({error.Describe()}); whether it acted on the request is unknown.", status);
        }

        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new ResourceNotFoundException($"{resource} was not found ({error.Describe()})."),
            HttpStatusCode.TooManyRequests => ZoomRateLimit.Map(response, error, time.GetUtcNow()),
            HttpStatusCode.Unauthorized => await tokens.RejectedAsync($"{ApiName} rejected its access token even after a renewal (HTTP 401, {error.Describe()}).", null).ConfigureAwait(false),
            HttpStatusCode.Forbidden => new ProviderException($"{ApiName} refused access (HTTP 403, {error.Describe()}): the account or the app lacks what this action needs.", status),
            HttpStatusCode.BadRequest => new ProviderException($"{ApiName} rejected the request ({error.Describe()}).", status),
            _ => new ProviderException($"{ApiName} answered HTTP {status} ({error.Describe()}).", status),
        };
    }

    private static JsonObject? Parse(string text, string resource)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null; // 204 No Content (PATCH, DELETE)
        }

        if (text.Length > MaxResponseCharacters)
        {
            throw new ProviderException($"{ApiName} answered the request for {resource} with more than {MaxResponseCharacters / 1024 / 1024} MB.");
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ProviderException($"{ApiName} answered the request for {resource} with JSON that is not an object.");
        }
        catch (JsonException ex)
        {
            throw new ProviderException($"{ApiName} answered the request for {resource} with a body that is not JSON.", null, ex);
        }
    }

    private static bool IsWrite(HttpMethod method) => method != HttpMethod.Get && method != HttpMethod.Head;

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
