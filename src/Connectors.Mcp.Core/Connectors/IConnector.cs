using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// One workspace connector, ready to run actions. Implementations throw <see cref="Errors.ConnectorException"/>
/// subclasses for anything the agent can act on; anything else is a bug and is logged as such.
/// </summary>
public interface IConnector
{
    /// <summary>
    /// Runs <paramref name="action"/> with arguments already validated against its input schema and returns the
    /// structured result, which must match the action's output schema.
    /// </summary>
    Task<JsonObject> ExecuteAsync(string action, JsonObject arguments, CancellationToken cancellationToken);
}
