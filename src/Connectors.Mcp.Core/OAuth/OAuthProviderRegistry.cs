namespace Connectors.Mcp.Core.OAuth;

/// <summary>The OAuth providers this build can connect accounts of, by provider key.</summary>
public sealed class OAuthProviderRegistry
{
    private readonly Dictionary<string, IOAuthProvider> _providers;

    public OAuthProviderRegistry(IEnumerable<IOAuthProvider> providers)
    {
        _providers = new Dictionary<string, IOAuthProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            if (!_providers.TryAdd(provider.Provider, provider))
            {
                throw new InvalidOperationException($"OAuth provider '{provider.Provider}' is registered twice.");
            }
        }
    }

    public IReadOnlyCollection<IOAuthProvider> Providers => _providers.Values;

    public IOAuthProvider? Find(string provider) => _providers.GetValueOrDefault(provider);
}
