using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// The provider families this build has, derived from what is registered — never a list spelled out somewhere: the
/// providers the connector types name, each with its OAuth endpoints (<see cref="IOAuthProvider"/>), its grant
/// revocation (<see cref="ITokenRevoker"/>) and its resilient HTTP client (<see cref="ProviderHttpClient"/>). Built at
/// start-up; a connector type whose provider lacks one of them stops the start with an error naming the type, the
/// provider and what is missing (instead of a connect flow, a disconnect or every call failing later — or, for the
/// HTTP client, silently sending without retries or a circuit breaker).
/// </summary>
public sealed class ProviderCatalog
{
    private readonly SortedDictionary<string, ProviderFamily> _families = new(StringComparer.Ordinal);

    public ProviderCatalog(ConnectorRegistry connectorTypes, OAuthProviderRegistry oauthProviders, IEnumerable<ITokenRevoker> revokers, IEnumerable<ProviderHttpClient> httpClients)
    {
        var clients = httpClients.Select(c => c.Provider).ToHashSet(StringComparer.Ordinal);
        var revokersByProvider = new Dictionary<string, ITokenRevoker>(StringComparer.Ordinal);
        foreach (var revoker in revokers)
        {
            if (!revokersByProvider.TryAdd(revoker.Provider, revoker))
            {
                throw new InvalidOperationException($"Two grant revokers are registered for provider '{revoker.Provider}'.");
            }
        }

        var problems = new List<string>();
        foreach (var type in connectorTypes.Types.OrderBy(t => t.Type, StringComparer.Ordinal))
        {
            var oauth = oauthProviders.Find(type.Provider);
            revokersByProvider.TryGetValue(type.Provider, out var revoker);
            var client = clients.Contains(type.Provider);
            if (oauth is null || revoker is null || !client)
            {
                var missing = string.Join(", ", new[]
                {
                    oauth is null ? "OAuth endpoints (an IOAuthProvider)" : null,
                    revoker is null ? "a grant revoker (an ITokenRevoker)" : null,
                    client ? null : $"an HTTP client (services.AddConnectorResilience<TOptions>(\"{type.Provider}\"))",
                }.OfType<string>());
                problems.Add($"connector type '{type.Type}' names provider '{type.Provider}', which lacks {missing}");
                continue;
            }

            _families.TryAdd(type.Provider, new ProviderFamily(type.Provider, oauth, revoker));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Incomplete provider registration: {string.Join("; ", problems)}. Register them beside the connector types (e.g. in the family's Add…Connectors).");
        }
    }

    /// <summary>Every provider key connector types use, in order.</summary>
    public IReadOnlyCollection<string> Keys => _families.Keys;

    public IReadOnlyCollection<ProviderFamily> Families => _families.Values;

    public ProviderFamily? Find(string provider) => _families.GetValueOrDefault(provider);
}
