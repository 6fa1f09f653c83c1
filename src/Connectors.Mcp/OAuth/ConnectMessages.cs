using Connectors.Mcp.Core.OAuth;

namespace Connectors.Mcp.OAuth;

/// <summary>What the CLI and the HTTP result page say once a connect flow succeeded.</summary>
internal static class ConnectMessages
{
    /// <summary><c>Connected gmail (con_…) for demo.user@sandbox.test.</c> — the account only when the provider named it.</summary>
    public static string Connected(OAuthConnection connection) =>
        connection.AccountEmail is { } email
            ? $"Connected {connection.Connector.Name} ({connection.Connector.Id}) for {email}."
            : $"Connected {connection.Connector.Name} ({connection.Connector.Id}).";

    /// <summary>The <see cref="OAuthConnectError"/> as a snake_case code, for JSON answers.</summary>
    public static string Code(OAuthConnectError error)
    {
        var name = error.ToString().Replace("OAuth", "Oauth", StringComparison.Ordinal);
        var code = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                code.Append('_');
            }

            code.Append(char.ToLowerInvariant(name[i]));
        }

        return code.ToString();
    }
}
