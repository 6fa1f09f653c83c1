using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Connectors.Mcp.Google.Http.Resilience;

/// <summary>
/// The one place Google's HTTP behaviour is configured: the named client <see cref="ClientName"/> (the provider key every
/// Google connector's <c>HttpHandlerFactory</c> creates its handler from) gets one resilience pipeline per connector
/// instance (selected by <see cref="ConnectorRequestKey"/>). Outer to inner: bulkhead (concurrency limiter), total
/// timeout, retry (only where <see cref="SafeRetry"/> allows; jittered exponential back-off; <c>Retry-After</c> honoured),
/// circuit breaker, attempt timeout. Google.Apis' own back-off and retry handlers are off, so this is the only layer
/// that repeats a request (the credential's single refresh-and-resend on 401 aside).
/// </summary>
public static class GoogleResilience
{
    /// <summary>The named HttpClient / handler of the Google provider family (= the connector types' provider key).</summary>
    public const string ClientName = "google";

    private const string PipelineName = "google-connector";

    public static IServiceCollection AddGoogleResilience(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(GoogleCircuitStates)))
        {
            return services; // handlers must not be stacked twice on the named client
        }

        services.AddOptions<GoogleResilienceOptions>();
        services.TryAddSingleton<GoogleCircuitStates>();
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A connection that cannot be opened in time fails as "never sent" (SafeRetry), not as an attempt timeout.
                ConnectTimeout = sp.GetRequiredService<IOptions<GoogleResilienceOptions>>().Value.ConnectTimeout,
            })
            .AddHttpMessageHandler(sp => new CircuitOpenHandler(sp.GetRequiredService<GoogleCircuitStates>()))
            .AddResilienceHandler(PipelineName, Configure)
            .SelectPipelineBy(_ => ConnectorRequestKey.Of);
        return services;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<GoogleResilienceOptions>>().Value;
        var states = context.ServiceProvider.GetRequiredService<GoogleCircuitStates>();
        // Network waits (timeouts, retry delays, break durations) run on the real clock, whatever TimeProvider the
        // host registered: Polly would otherwise take a test's fake clock from DI and a retry delay would never end.
        var time = TimeProvider.System;
        builder.TimeProvider = time;

        builder.AddConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        builder.AddTimeout(options.TotalTimeout);

        // HttpRetryStrategyOptions' defaults retry every method on 5xx and 429 (POST included): its ShouldHandle is replaced
        // by SafeRetry; the rest (Retry-After in both forms, jitter) is kept and configured.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryAfterWait,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    SafeRetry.ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), options.MaxRetryAfterWait, time.GetUtcNow())),
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitFailureRatio,
            MinimumThroughput = options.CircuitMinimumThroughput,
            SamplingDuration = options.CircuitSamplingDuration,
            BreakDuration = options.CircuitBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(SafeRetry.IsProviderFailure(args.Outcome)),
            OnOpened = args =>
            {
                states.Opened(ConnectorRequestKey.Of(args.Context.GetRequestMessage()!), time.GetUtcNow() + args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = args =>
            {
                states.Closed(ConnectorRequestKey.Of(args.Context.GetRequestMessage()!));
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
    }
}
