using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary>
/// Turns <c>--setting KEY=VALUE</c> values into a connector's settings, accepting only the type's setting keys and,
/// for the endpoint keys, only absolute http(s) URLs. Errors name the valid keys.
/// </summary>
internal static class ConnectorSettingsParser
{
    private static readonly string[] UrlKeys = [ConnectorSettings.ApiBaseUrl, ConnectorSettings.TokenUrl, ConnectorSettings.AuthUrl, ConnectorSettings.RevokeUrl];

    public static Dictionary<string, string> Parse(IConnectorType type, IReadOnlyList<string> values)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new UsageException($"--setting takes KEY=VALUE, got '{value}'. {ValidKeys(type)}");
            }

            var key = value[..separator].Trim();
            var setting = value[(separator + 1)..].Trim();
            if (!type.SettingKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new UsageException($"Connector type '{type.Type}' has no setting '{key}'. {ValidKeys(type)}");
            }

            if (UrlKeys.Contains(key, StringComparer.Ordinal)
                && (!Uri.TryCreate(setting, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                throw new UsageException($"Setting '{key}' must be an absolute http(s) URL, e.g. http://127.0.0.1:5200/; got '{setting}'.");
            }

            if (!settings.TryAdd(key, setting))
            {
                throw new UsageException($"--setting {key} is given twice.");
            }
        }

        return settings;
    }

    private static string ValidKeys(IConnectorType type) => type.SettingKeys.Count == 0
        ? $"Connector type '{type.Type}' takes no settings."
        : $"Valid keys for '{type.Type}': {string.Join(", ", type.SettingKeys)}.";
}
