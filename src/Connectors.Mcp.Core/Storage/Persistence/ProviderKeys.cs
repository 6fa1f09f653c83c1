namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// The shape of a provider key (lower-case letters, digits, underscores; 1–32). Which keys exist is the build's
/// business (Core <c>ProviderCatalog</c>, from what is registered), not the database's.
/// </summary>
public static class ProviderKeys
{
    public static void Validate(string provider)
    {
        if (string.IsNullOrEmpty(provider) || provider.Length > 32 || !provider.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException($"'{provider}' is not a provider key (lower-case letters, digits and underscores, at most 32).", nameof(provider));
        }
    }
}
