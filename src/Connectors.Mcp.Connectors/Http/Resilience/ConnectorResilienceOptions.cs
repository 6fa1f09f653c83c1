namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>
/// Limits of a provider family's resilience pipeline (one pipeline per connector instance). Each family derives its own
/// options type (e.g. <c>GoogleResilienceOptions</c>), so each is configured on its own with
/// <c>services.Configure&lt;TOptions&gt;(…)</c>; a family may change the defaults in its constructor. These defaults suit a
/// desktop or small server.
/// </summary>
public abstract class ConnectorResilienceOptions
{
    /// <summary>
    /// Opening a TCP/TLS connection may take this long; a request whose connection timed out was never sent, so even a
    /// write may be retried. Shorter than <see cref="AttemptTimeout"/>.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One HTTP attempt may take this long before it is abandoned.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>All attempts of one request (with back-off delays) may take this long.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt, for requests where a retry is safe (0: none).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base of the jittered exponential back-off.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A safe request answered 429/503 with a <c>Retry-After</c> up to this long is retried after it; a longer wait is
    /// handed to the agent as "rate limited, retry after N s".
    /// </summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The circuit opens when at least this share of the sampled attempts failed…</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>…and at least this many attempts were sampled…</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>…within this window.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before it lets one trial call through.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bulkhead: requests of one connector instance in flight at once.</summary>
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>
    /// Bulkhead: requests of one connector instance waiting for a slot; beyond this a call fails fast as busy. Room for
    /// several calls' fan-out (e.g. Gmail's search_inbox and list_labels fetch up to 8 items in parallel).
    /// </summary>
    public int MaxQueuedRequests { get; set; } = 64;
}
