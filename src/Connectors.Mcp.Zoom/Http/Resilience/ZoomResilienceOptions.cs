using Connectors.Mcp.Connectors.Http.Resilience;

namespace Connectors.Mcp.Zoom.Http.Resilience;

/// <summary>
/// Limits of the Zoom resilience pipeline (the toolkit's, one per connector instance), the only layer that repeats a
/// Zoom request: reads on 429/5xx/dropped connections, any request only when it never left. Configure with
/// <c>services.Configure&lt;ZoomResilienceOptions&gt;(…)</c>.
/// </summary>
public sealed class ZoomResilienceOptions : ConnectorResilienceOptions;
