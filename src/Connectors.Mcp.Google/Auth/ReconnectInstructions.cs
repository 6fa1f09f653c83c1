using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Instructions;

namespace Connectors.Mcp.Google.Auth;

/// <summary>The texts that tell a person how to fix a connector's authorization. They never contain a token.</summary>
internal static class ReconnectInstructions
{
    /// <summary>Which account and why; the pipeline adds how to reconnect it (one place for that instruction).</summary>
    public static string Reconnect(ConnectorContext context, string displayName, string reason) =>
        $"The {displayName} connector '{context.ConnectorName}' (id {context.ConnectorId}) must be reconnected: {reason}";

    public static string ConfigureClient(string provider, string reason) =>
        $"{reason} Ask the user to configure the {provider} OAuth client: " +
        $"{CliInstructions.OAuthClientSet(provider, "…", "…")}.";
}
