namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>An armed per-second 429: its <c>Retry-After</c> in seconds, as an HTTP date, or none.</summary>
internal sealed record ZoomThrottle(TimeSpan? RetryAfter, DateTimeOffset? RetryAt);
