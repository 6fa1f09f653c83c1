namespace Connectors.Mcp.Connectors.Http.Resilience;

/// <summary>
/// The connector instance a request belongs to, carried in <see cref="HttpRequestMessage.Options"/> so the resilience
/// handler picks that connector's own pipeline (circuit breaker, bulkhead). Requests without one (grant revocation,
/// the connect flow) share <see cref="Unkeyed"/>.
/// </summary>
public static class ConnectorRequestKey
{
    public const string Unkeyed = "-";

    public static readonly HttpRequestOptionsKey<string> ConnectorId = new("connectors_mcp.connector_id");

    public static string Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(ConnectorId, out var id) && !string.IsNullOrEmpty(id) ? id : Unkeyed;
}
