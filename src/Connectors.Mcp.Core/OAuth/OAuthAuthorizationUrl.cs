using System.Text;

namespace Connectors.Mcp.Core.OAuth;

/// <summary>Builds an authorization request URL (RFC 6749 §4.1.1): the endpoint, any query it already has, then the parameters, percent-encoded.</summary>
internal static class OAuthAuthorizationUrl
{
    public static Uri Build(Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var url = new StringBuilder(endpoint.GetLeftPart(UriPartial.Path));
        var separator = '?';
        if (endpoint.Query.Length > 1)
        {
            url.Append(endpoint.Query);
            separator = '&';
        }

        foreach (var (name, value) in parameters)
        {
            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(url.ToString());
    }
}
