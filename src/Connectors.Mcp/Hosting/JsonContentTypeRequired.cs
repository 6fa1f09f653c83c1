namespace Connectors.Mcp.Hosting;

/// <summary>
/// Endpoint metadata: a POST to this endpoint must declare a JSON body (<c>Content-Type: application/json</c>, any
/// charset parameter); <see cref="JsonContentTypeMiddleware"/> answers 415 otherwise, before the handler reads anything.
/// </summary>
public sealed class JsonContentTypeRequired;
