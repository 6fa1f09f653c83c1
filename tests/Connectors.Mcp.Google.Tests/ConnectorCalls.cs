using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Calendar;
using Connectors.Mcp.Google.Gmail;

namespace Connectors.Mcp.Google.Tests;

/// <summary>
/// Calls a Google connector by action name the way the pipeline does: the action's handler parses the arguments (its
/// checks throw here, before any token read or request), then the connector runs that request.
/// </summary>
internal static class ConnectorCalls
{
    private static readonly IConnectorType[] Types = [new GmailConnectorType(), new GoogleCalendarConnectorType()];

    public static ConnectorAction Action(string name) => Types.SelectMany(t => t.Actions).Single(a => a.Name == name);

    public static Task<JsonObject> ExecuteAsync(this IConnector connector, string action, JsonObject arguments, CancellationToken cancellationToken) =>
        connector.ExecuteAsync(Action(action).Parse(arguments), cancellationToken);

    public static Task<WriteOutcome?> ResolveAsync(this IWriteOutcomeResolver resolver, string action, JsonObject arguments, CancellationToken cancellationToken) =>
        resolver.ResolveAsync(Action(action).Parse(arguments), cancellationToken);
}
