using Polly.CircuitBreaker;

namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>
/// Outside the resilience handler: turns Polly's <see cref="BrokenCircuitException"/> into <see cref="CircuitOpenException"/>
/// naming the connector and when its circuit lets a call through again.
/// </summary>
internal sealed class CircuitOpenHandler(ConnectorCircuitStates states) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            var connectorId = ConnectorRequestKey.Of(request);
            throw new CircuitOpenException(connectorId, states.OpenUntil(connectorId), ex);
        }
    }
}
