namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// The one place a provider key becomes an HTTP handler: a connector's <see cref="ConnectorContext.HttpHandlerFactory"/>
/// creates the named client of its type's <see cref="IConnectorType.Provider"/>, which its family registered
/// (<see cref="ProviderHttpClient"/>). <see cref="IHttpMessageHandlerFactory"/> would hand an unknown name a plain handler
/// (no retries, no circuit breaker) without a word; here a connector type whose provider has no registered client fails
/// when this is created — at start-up, where the host resolves it — naming the type and the provider.
/// </summary>
public sealed class ProviderHttpHandlers
{
    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly HashSet<string> _registered;

    public ProviderHttpHandlers(IHttpMessageHandlerFactory handlers, IEnumerable<ProviderHttpClient> registered, ConnectorRegistry types)
    {
        _handlers = handlers;
        _registered = registered.Select(r => r.Provider).ToHashSet(StringComparer.Ordinal);
        var missing = types.Types.Where(t => !_registered.Contains(t.Provider)).OrderBy(t => t.Type, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", missing.Select(t => Missing(t.Type, t.Provider))));
        }
    }

    /// <summary>Whether <paramref name="provider"/>'s family registered its HTTP client.</summary>
    public bool IsRegistered(string provider) => _registered.Contains(provider);

    /// <summary>A handler of <paramref name="provider"/>'s named client, for one connector of <paramref name="type"/>.</summary>
    public Func<HttpMessageHandler> For(IConnectorType type)
    {
        var provider = type.Provider;
        return IsRegistered(provider)
            ? () => _handlers.CreateHandler(provider)
            : throw new InvalidOperationException(Missing(type.Type, provider));
    }

    private static string Missing(string type, string provider) =>
        $"Connector type '{type}' uses provider '{provider}', but no HTTP client is registered for provider '{provider}', so its " +
        $"connectors would send without timeouts, safe retries or a circuit breaker. Its family's registration must call " +
        $"services.AddConnectorResilience<TOptions>(\"{provider}\") (Connectors.Mcp.Connectors).";
}
