using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Auth;

/// <summary>Reads <c>Authorization: Bearer …</c>; the scheme name is case-insensitive (RFC 9110 §11.1).</summary>
public static class BearerCredential
{
    private const string Prefix = "Bearer ";

    public const string AdminTokenPrefix = "cma_";
    public const string ApiKeyPrefix = "cmk_";

    /// <summary>The raw Authorization header ("" when absent).</summary>
    public static string Header(HttpRequest request) => request.Headers.Authorization.ToString();

    /// <summary>The bearer credential, trimmed; <c>null</c> when the header is absent or not a bearer header.</summary>
    public static string? From(string header) =>
        header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;

    public static bool IsAdminToken(string? credential) => credential?.StartsWith(AdminTokenPrefix, StringComparison.OrdinalIgnoreCase) == true;
}
