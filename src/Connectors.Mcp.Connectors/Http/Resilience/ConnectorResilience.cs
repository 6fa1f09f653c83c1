using System.Threading.RateLimiting;
using Connectors.Mcp.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>
/// The one place a provider family's HTTP behaviour is configured: the named client of its provider key (the handler
/// every connector of that provider gets from <c>ConnectorContext.HttpHandlerFactory</c>) gets one resilience pipeline
/// per connector instance (selected by <see cref="ConnectorRequestKey"/>). Outer to inner: bulkhead (concurrency
/// limiter), total timeout, retry (only where <see cref="SafeRetry"/> allows; jittered exponential back-off;
/// <c>Retry-After</c> honoured), circuit breaker, attempt timeout. The family's SDK must not retry on its own, so this
/// is the only layer that repeats a request (a credential's single refresh-and-resend on 401 aside).
/// </summary>
public static class ConnectorResilience
{
    /// <summary>
    /// Registers the resilient named client <paramref name="providerKey"/>, limited by <typeparamref name="TOptions"/>
    /// (the family's own options type, configured with <c>services.Configure&lt;TOptions&gt;</c>), and declares it to
    /// the host (<see cref="ProviderHttpClient"/>), which refuses to start when a registered connector type's provider
    /// has none. Idempotent per provider key: the handlers are never stacked twice on the named client.
    /// </summary>
    public static IServiceCollection AddConnectorResilience<TOptions>(this IServiceCollection services, string providerKey)
        where TOptions : ConnectorResilienceOptions, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerKey);
        if (services.Any(d => d.ServiceType == typeof(ProviderHttpClient) && d.ImplementationInstance is ProviderHttpClient { Provider: var p } && p == providerKey))
        {
            return services;
        }

        services.AddSingleton(new ProviderHttpClient(providerKey));
        services.AddOptions<TOptions>();
        services.TryAddSingleton<ConnectorCircuitStates>();
        services.AddHttpClient(providerKey)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A connection that cannot be opened in time fails as "never sent" (SafeRetry), not as an attempt timeout.
                ConnectTimeout = sp.GetRequiredService<IOptions<TOptions>>().Value.ConnectTimeout,
            })
            .AddHttpMessageHandler(sp => new CircuitOpenHandler(sp.GetRequiredService<ConnectorCircuitStates>()))
            .AddResilienceHandler($"{providerKey}-connector", (builder, context) => Configure(builder, context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value, context.ServiceProvider))
            .SelectPipelineBy(_ => ConnectorRequestKey.Of);
        return services;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ConnectorResilienceOptions options, IServiceProvider services)
    {
        var states = services.GetRequiredService<ConnectorCircuitStates>();
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
