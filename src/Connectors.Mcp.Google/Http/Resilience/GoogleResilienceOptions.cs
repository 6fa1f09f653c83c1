using Connectors.Mcp.Connectors.Http.Resilience;

namespace Connectors.Mcp.Google.Http.Resilience;

/// <summary>
/// Limits of the Google resilience pipeline (one pipeline per connector instance). Configure with
/// <c>services.Configure&lt;GoogleResilienceOptions&gt;(…)</c>; the defaults (the toolkit's) suit a desktop or small server.
/// </summary>
public sealed class GoogleResilienceOptions : ConnectorResilienceOptions;
