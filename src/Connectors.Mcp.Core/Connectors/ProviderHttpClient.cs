namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// Declares that a provider family registered its HTTP client (timeouts, safe retries, circuit breaker) as the named
/// client <see cref="Provider"/>, its provider key. Registered by the family's registration (the toolkit's
/// <c>AddConnectorResilience</c> does it); <see cref="ProviderHttpHandlers"/> refuses a connector type whose provider has
/// none, instead of letting it send through a plain <see cref="HttpClient"/>.
/// </summary>
public sealed record ProviderHttpClient(string Provider);
