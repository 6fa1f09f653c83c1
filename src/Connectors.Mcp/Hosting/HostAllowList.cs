using System.Net;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// DNS-rebinding protection: the Host header, and the Origin header when a browser sends one, must name this server —
/// loopback names when bound to loopback, plus the bound host and any <c>$CONNECTORS_MCP_ALLOWED_HOSTS</c> entries.
/// </summary>
public sealed class HostAllowList
{
    public const string AllowedHostsVariable = "CONNECTORS_MCP_ALLOWED_HOSTS";
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public HostAllowList(IEnumerable<Uri> boundUrls, IEnumerable<string> extraHosts)
    {
        _hosts.UnionWith(["localhost", "127.0.0.1", "[::1]", "::1"]);
        foreach (var url in boundUrls)
        {
            if (!IsWildcard(url.Host))
            {
                _hosts.Add(url.Host);
            }
        }

        foreach (var host in extraHosts)
        {
            if (!string.IsNullOrWhiteSpace(host))
            {
                _hosts.Add(host.Trim());
            }
        }
    }

    public IReadOnlyCollection<string> Hosts => _hosts;

    /// <summary>Host header value (<c>name[:port]</c>).</summary>
    public bool IsAllowedHost(string? hostHeader)
    {
        if (string.IsNullOrEmpty(hostHeader))
        {
            return false;
        }

        return Uri.TryCreate($"http://{hostHeader}", UriKind.Absolute, out var uri) && uri.Authority.Length > 0 && _hosts.Contains(uri.Host);
    }

    /// <summary>Origin header value (<c>scheme://name[:port]</c>); <c>null</c> (no Origin: not a browser) is allowed.</summary>
    public bool IsAllowedOrigin(string? origin)
    {
        if (origin is null)
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && _hosts.Contains(uri.Host);
    }

    /// <summary>Whether every URL binds only loopback addresses.</summary>
    public static bool IsLoopbackOnly(IEnumerable<Uri> urls) => urls.All(u =>
        u.IsLoopback || (IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static bool IsWildcard(string host) => host is "*" or "+" or "0.0.0.0" or "[::]" or "::";
}
