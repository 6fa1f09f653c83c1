using Connectors.Mcp.Connectors.Http.Resilience;

namespace Connectors.Mcp.Microsoft.Http.Resilience;

/// <summary>
/// Limits of the Microsoft resilience pipeline (the toolkit's, one per connector instance), the only layer that repeats
/// a Graph request. Configure with <c>services.Configure&lt;MicrosoftResilienceOptions&gt;(…)</c>.
/// </summary>
public sealed class MicrosoftResilienceOptions : ConnectorResilienceOptions;
