using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Google.Auth;

/// <summary>The texts that tell a person how to fix a connector's authorization. They never contain a token.</summary>
internal static class ReconnectInstructions
{
    public static string Reconnect(ConnectorContext context, string displayName, string reason) =>
        $"The {displayName} connector '{context.ConnectorName}' (id {context.ConnectorId}) must be reconnected: {reason} " +
        $"Ask the user to reconnect it, e.g. `connectors-mcp connector set-token {context.ConnectorId} --access-token … --refresh-token …`.";

    public static string ConfigureClient(string provider, string reason) =>
        $"{reason} Ask the user to configure the {provider} OAuth client: " +
        $"`connectors-mcp oauth-client set {provider} --client-id … --client-secret …`.";
}
