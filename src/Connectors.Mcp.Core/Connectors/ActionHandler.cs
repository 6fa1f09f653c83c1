using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// How an action runs, declared with it (<see cref="ConnectorAction.Handler"/>): a parse step (schema-valid arguments →
/// the typed request, with the checks the schema cannot express) and a run step (the request with the connector's
/// client). A connector never dispatches on action names: it hands its client to the handler of the action it is given,
/// so a new action is one file and one entry in its type's list. Build one with <see cref="ActionHandler{TClient,TRequest}"/>.
/// </summary>
public abstract class ActionHandler
{
    private protected ActionHandler()
    {
    }

    /// <summary>The client type the run step needs; a connector runs only handlers of its own client type.</summary>
    public abstract Type ClientType { get; }

    /// <summary>Parses schema-valid arguments; throws <see cref="Errors.ConnectorValidationException"/> when they are wrong.</summary>
    public abstract object ParseArguments(JsonObject arguments);
}
