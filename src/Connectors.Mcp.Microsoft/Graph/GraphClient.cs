using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Http;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Auth;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Connectors.Mcp.Microsoft.Graph;

/// <summary>
/// Read requests to Microsoft Graph over the connector's resilient HttpClient (the family's named client: the only
/// layer that retries), with the current access token, one refresh-and-resend on a 401, and every failure mapped to
/// the product's typed errors: 404 → not found, 429 / 503 → rate limited with Retry-After (seconds or HTTP date),
/// 401 after a refresh → reconnect required, 403 → provider error naming the missing permission.
/// </summary>
/// <remarks>
/// Raw HTTP rather than the Graph SDK: three GET endpoints need no request builders, and this way no SDK middleware
/// (RetryHandler, RedirectHandler) can sit under our pipeline.
/// </remarks>
internal sealed class GraphClient(HttpClient http, Uri baseUri, MicrosoftAuthorization authorization, string apiName, TimeProvider time)
{
    /// <summary>The configured <c>api_base_url</c>, without a trailing slash.</summary>
    public Uri BaseUri { get; } = new(baseUri.ToString().TrimEnd('/'));

    /// <summary>An absolute URL under <see cref="BaseUri"/> for a path such as <c>/me/messages</c> and an encoded query.</summary>
    public Uri Url(string path, string? query = null) =>
        new(BaseUri + path + (string.IsNullOrEmpty(query) ? "" : "?" + query));

    /// <summary>GETs <paramref name="url"/> (which must be under <see cref="BaseUri"/>) and returns its JSON object.</summary>
    /// <param name="resource">What the request names, for a 404 (e.g. <c>Outlook message 'AAMk…'</c>).</param>
    public async Task<JsonObject> GetAsync(Uri url, string resource, string? prefer, CancellationToken cancellationToken)
    {
        var token = await authorization.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendAsync(url, token, prefer, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            token = await authorization.RefreshAfterRejectionAsync(token, cancellationToken).ConfigureAwait(false);
            response = await SendAsync(url, token, prefer, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonNode.Parse(body) as JsonObject
                        ?? throw new ProviderException($"{apiName} returned a response that is not a JSON object.", (int)response.StatusCode);
                }
                catch (JsonException ex)
                {
                    throw new ProviderException($"{apiName} returned a response that could not be read.", (int)response.StatusCode, ex);
                }
            }

            throw await MapErrorAsync(response, GraphError.Parse(body), resource).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string token, string? prefer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (CircuitOpenException ex)
        {
            var until = ex.OpenUntil is { } at ? $"until {at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "for a short while";
            throw new ProviderException($"{apiName} for connector {ex.ConnectorId} is failing; calls are paused {until}. The request was not sent.", null, ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            var wait = ex.RetryAfter ?? TimeSpan.FromSeconds(1);
            throw new RateLimitedException($"{apiName} for this connector is busy: too many calls are in flight or waiting. The request was not sent. Retry after {Seconds(wait)} seconds.", wait, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException($"{apiName} could not be reached ({ex.HttpRequestError}).", null, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ProviderException($"{apiName} did not answer within {ex.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException($"{apiName} did not answer in time.", null, ex);
        }
    }

    private async Task<ConnectorException> MapErrorAsync(HttpResponseMessage response, GraphError error, string resource)
    {
        var status = (int)response.StatusCode;
        var message = $"{error.Code}: {error.Message}";
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return new ResourceNotFoundException($"{resource} was not found ({message}).");
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                var retryAfter = RetryAfterHeader.Read(response, time.GetUtcNow());
                var when = retryAfter is { } wait ? $"Retry after {Seconds(wait)} seconds." : "Retry later.";
                return new RateLimitedException($"{apiName} is throttling this connector (HTTP {status}, {message}). {when}", retryAfter);
            case HttpStatusCode.Unauthorized:
                return await authorization.ReconnectRequiredAsync($"{apiName} rejected its access token even after a refresh (HTTP 401, {error.Code}).", null).ConfigureAwait(false);
            case HttpStatusCode.Forbidden:
                return new ProviderException($"{apiName} refused access (HTTP 403, {message}): the account or its administrator has not granted what this action needs.", status);
            case HttpStatusCode.BadRequest:
                return new ProviderException($"{apiName} rejected the request: {message}", status);
            default:
                return new ProviderException($"{apiName} answered HTTP {status}: {message}", status);
        }
    }

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
