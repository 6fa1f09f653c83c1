using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// One call's arguments as its action's handler parsed them (<see cref="ConnectorAction.Parse"/>). The validation stage
/// parses once; the connector runs exactly this request, so the checks before the approval gate and the run cannot
/// disagree.
/// </summary>
public sealed class ActionRequest
{
    internal ActionRequest(ConnectorAction action, JsonObject arguments, object parsed)
    {
        Action = action;
        Arguments = arguments;
        Parsed = parsed;
    }

    public ConnectorAction Action { get; }

    /// <summary>The schema-valid arguments the request was parsed from (never the idempotency key).</summary>
    public JsonObject Arguments { get; }

    /// <summary>What the handler's parse step returned; its run step reads it back typed.</summary>
    public object Parsed { get; }
}
