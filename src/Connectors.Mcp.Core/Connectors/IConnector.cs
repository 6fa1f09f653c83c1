using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// One workspace connector, ready to run actions. Implementations throw <see cref="Errors.ConnectorException"/>
/// subclasses for anything the agent can act on; anything else is a bug and is logged as such.
/// </summary>
public interface IConnector
{
    /// <summary>
    /// Runs a request its action's handler parsed (<see cref="ConnectorAction.Parse"/>) from arguments already validated
    /// against the input schema, and returns the structured result, which must match the action's output schema. The
    /// connector hands its client to <see cref="ActionRequest.Action"/>'s handler; it never dispatches on the action's name.
    /// </summary>
    Task<JsonObject> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken);
}
