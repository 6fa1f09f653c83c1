namespace Connectors.Mcp.Core.Connectors;

/// <summary>Per-instance settings (<c>--setting KEY=VALUE</c>), e.g. endpoint overrides for the sandbox and tests.</summary>
public sealed class ConnectorSettings
{
    public const string ApiBaseUrl = "api_base_url";
    public const string TokenUrl = "token_url";
    public const string AuthUrl = "auth_url";

    /// <summary>The provider's token revocation endpoint, used by <c>connector disconnect</c>.</summary>
    public const string RevokeUrl = "revoke_url";

    private readonly IReadOnlyDictionary<string, string> _values;

    public ConnectorSettings(IReadOnlyDictionary<string, string> values) => _values = values;

    public static ConnectorSettings Empty { get; } = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? Get(string key) => _values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    /// <summary>The setting as an absolute http(s) URI, or <paramref name="fallback"/>.</summary>
    public Uri GetUri(string key, string fallback)
    {
        var raw = Get(key) ?? fallback;
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"Setting '{key}' must be an absolute http(s) URL, got '{raw}'.");
        }

        return uri;
    }
}
