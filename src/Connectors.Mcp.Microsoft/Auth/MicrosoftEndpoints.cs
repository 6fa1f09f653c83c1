using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Microsoft.Auth;

/// <summary>
/// The identity platform's production endpoints per tenant (<c>common</c>, <c>organizations</c>, <c>consumers</c> or a
/// tenant id / domain), and how a connector's settings replace them: <c>token_url</c> / <c>auth_url</c> win, else the
/// <c>tenant</c> setting picks the tenant, else <see cref="DefaultTenant"/>.
/// </summary>
internal static partial class MicrosoftEndpoints
{
    public const string DefaultTenant = "common";

    /// <summary>The setting that names the tenant of the token and consent endpoints.</summary>
    public const string TenantSetting = "tenant";

    public static Uri AuthUrl(string tenant) => new($"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize");

    public static Uri TokenUrl(string tenant) => new($"https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token");

    public static Uri TokenUrl(ConnectorSettings settings) =>
        settings.GetUri(ConnectorSettings.TokenUrl, TokenUrl(Tenant(settings)).ToString());

    /// <summary>The <c>tenant</c> setting, checked because it goes into a URL path.</summary>
    public static string Tenant(ConnectorSettings settings)
    {
        var tenant = settings.Get(TenantSetting) ?? DefaultTenant;
        return TenantPattern().IsMatch(tenant)
            ? tenant
            : throw new InvalidOperationException($"Setting '{TenantSetting}' must be common, organizations, consumers, a tenant id or a domain, got '{tenant}'.");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$")]
    private static partial Regex TenantPattern();
}
