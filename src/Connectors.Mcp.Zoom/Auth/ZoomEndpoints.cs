using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Zoom.Auth;

/// <summary>Zoom's production endpoints, and the connector settings that replace them (<c>api_base_url</c>, <c>token_url</c>, <c>auth_url</c>, <c>revoke_url</c>).</summary>
internal static class ZoomEndpoints
{
    public const string ApiBaseUrl = "https://api.zoom.us/v2/";
    public const string TokenUrl = "https://zoom.us/oauth/token";
    public const string AuthUrl = "https://zoom.us/oauth/authorize";
    public const string RevokeUrl = "https://zoom.us/oauth/revoke";

    public static Uri Api(ConnectorSettings settings)
    {
        var uri = settings.GetUri(ConnectorSettings.ApiBaseUrl, ApiBaseUrl);
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public static Uri Token(ConnectorSettings settings) => settings.GetUri(ConnectorSettings.TokenUrl, TokenUrl);

    /// <summary>
    /// The revocation endpoint: the <c>revoke_url</c> setting, else <c>/oauth/revoke</c> next to a configured
    /// <c>token_url</c> (so a connector pointed at another host revokes there too), else Zoom's.
    /// </summary>
    public static Uri Revoke(ConnectorSettings settings)
    {
        if (settings.Get(ConnectorSettings.RevokeUrl) is not null)
        {
            return settings.GetUri(ConnectorSettings.RevokeUrl, RevokeUrl);
        }

        return settings.Get(ConnectorSettings.TokenUrl) is not null ? new Uri(Token(settings), "revoke") : new Uri(RevokeUrl);
    }
}
