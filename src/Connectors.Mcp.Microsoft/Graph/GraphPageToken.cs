using System.Text;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Microsoft.Graph;

/// <summary>
/// The opaque <c>page_token</c> of a Graph list: base64url of the response's <c>@odata.nextLink</c>. A token is
/// accepted only when its URL is under the configured <c>api_base_url</c> (same scheme, host, port and path prefix),
/// so a client-supplied value can never send the connector's access token anywhere else.
/// </summary>
internal static class GraphPageToken
{
    public static string? Wrap(string? nextLink) =>
        string.IsNullOrEmpty(nextLink) ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(nextLink)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static Uri Unwrap(string token, Uri baseUri, string field)
    {
        string link;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            link = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            throw new ConnectorValidationException(field, "not a page token returned by this tool.");
        }

        var prefix = baseUri.AbsolutePath.TrimEnd('/') + "/";
        if (!Uri.TryCreate(link, UriKind.Absolute, out var url)
            || url.Scheme != baseUri.Scheme
            || !string.Equals(url.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase)
            || url.Port != baseUri.Port
            || !url.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal)
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw new ConnectorValidationException(field, "not a page token returned by this tool.");
        }

        return url;
    }
}
