using System.Globalization;
using System.Net;
using Connectors.Mcp.Connectors.Http;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Connectors.Idempotency;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Auth;
using Google;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Requests;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Connectors.Mcp.Google.Http;

/// <summary>
/// Sends one <see cref="ClientServiceRequest{TResponse}"/> through its service's HTTP client (credential, then the
/// per-connector resilience pipeline) and turns every failure into the product's typed errors: 404 → not found, 429 or a quota 403 → rate limited
/// with Retry-After, 401 after the credential's own refresh-and-retry → reconnect required, 400 → provider error with
/// Google's message, token-endpoint failures via <see cref="GoogleConnectorAuthorization"/>.
/// </summary>
internal sealed class GoogleRequestExecutor(GoogleConnectorAuthorization authorization, string apiName, TimeProvider time)
{
    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly string[] RateLimitReasons = ["rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded"];

    /// <param name="resource">What the request names, for a 404 (e.g. <c>Gmail message '18c…'</c>).</param>
    public async Task<T> ExecuteAsync<T>(ClientServiceRequest<T> request, string resource, CancellationToken cancellationToken)
    {
        using var message = request.CreateRequest();
        HttpResponseMessage response;
        try
        {
            response = await request.Service.HttpClient.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (TokenResponseException ex)
        {
            throw await authorization.TranslateTokenErrorAsync(ex).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex.Source == "Google.Apis.Auth")
        {
            // TokenRefreshManager gave up after its own timeouts.
            throw new AuthenticationFailedException($"The {apiName} access token has expired and Google's token endpoint did not answer. Try again later.", ex);
        }
        catch (CircuitOpenException ex)
        {
            var until = ex.OpenUntil is { } at ? $"until {at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "for a short while";
            throw new ProviderException($"{apiName} for connector {ex.ConnectorId} is failing; calls are paused {until}. The request was not sent.", null, ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            var wait = ex.RetryAfter ?? BusyRetryAfter;
            throw new RateLimitedException($"{apiName} for this connector is busy: too many calls are in flight or waiting. The request was not sent. Retry after {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds.", wait, ex);
        }
        catch (HttpRequestException ex) when (SafeRetry.NeverSent(ex))
        {
            throw new ProviderException($"{apiName} could not be reached ({ex.HttpRequestError}); the request was not sent.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            // A write may have reached Google before the connection failed: its outcome is unknown, not failed.
            throw IsWrite(request, message)
                ? new AmbiguousOutcomeException($"The connection to {apiName} dropped after the request was sent ({ex.HttpRequestError}); whether {apiName} acted on it is unknown.", null, ex)
                : new ProviderException($"{apiName} could not be reached ({ex.HttpRequestError}).", null, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            var seconds = ex.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            throw IsWrite(request, message)
                ? new AmbiguousOutcomeException($"{apiName} did not answer within {seconds} seconds; whether it acted on the request is unknown.", null, ex)
                : new ProviderException($"{apiName} did not answer within {seconds} seconds.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && SafeRetry.NeverSent(ex))
        {
            throw new ProviderException($"{apiName} could not be reached (no connection within the connect timeout); the request was not sent.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw IsWrite(request, message)
                ? new AmbiguousOutcomeException($"{apiName} did not answer in time.", null, ex)
                : new ProviderException($"{apiName} did not answer in time.", null, ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await request.Service.DeserializeResponse<T>(response).ConfigureAwait(false);
                }
                catch (GoogleApiException ex)
                {
                    throw new ProviderException($"{apiName} returned a response that could not be read.", (int)response.StatusCode, ex);
                }
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var error = GoogleApiError.Parse((int)response.StatusCode, body);
            if (IsWrite(request, message) && (int)response.StatusCode >= 500)
            {
                // Google may have acted before its front end failed: the outcome of a write is unknown.
                throw new AmbiguousOutcomeException($"{apiName} answered HTTP {(int)response.StatusCode}: {authorization.Redact(error.Message)}", (int)response.StatusCode);
            }

            throw await MapErrorAsync(response, error, resource).ConfigureAwait(false);
        }
    }

    private static bool IsWrite(object request, HttpRequestMessage message) =>
        message.Method != HttpMethod.Get && message.Method != HttpMethod.Head && request is not IReadOnlyRequest;

    private async Task<ConnectorException> MapErrorAsync(HttpResponseMessage response, GoogleApiError error, string resource)
    {
        var status = (int)response.StatusCode;
        var message = authorization.Redact(error.Message);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new ResourceNotFoundException($"{resource} was not found ({message}).");
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests
            || (response.StatusCode == HttpStatusCode.Forbidden && (error.HasReason(RateLimitReasons) || error.Domains.Contains("usageLimits"))))
        {
            var retryAfter = RetryAfterHeader.Read(response, time.GetUtcNow());
            var when = retryAfter is { } wait
                ? $"Retry after {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds."
                : "Retry later.";
            return new RateLimitedException($"{apiName} rate limit reached ({message}). {when}", retryAfter);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return await authorization.ReconnectRequiredAsync($"{apiName} rejected its access token even after a refresh (HTTP 401).", null).ConfigureAwait(false);
        }

        if (response.StatusCode == HttpStatusCode.Forbidden
            && (error.HasReason("insufficientPermissions") || message.Contains("insufficient authentication scopes", StringComparison.OrdinalIgnoreCase)))
        {
            return await authorization.ReconnectRequiredAsync($"its authorization lacks a scope this action needs ({message}).", null).ConfigureAwait(false);
        }

        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return new ProviderException($"{apiName} rejected the request: {message}", status);
        }

        return new ProviderException($"{apiName} answered HTTP {status}: {message}", status);
    }
}
