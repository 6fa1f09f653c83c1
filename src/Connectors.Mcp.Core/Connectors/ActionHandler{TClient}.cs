using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// The run steps of an <see cref="ActionHandler"/> whose connector offers a <typeparamref name="TClient"/> (e.g. Gmail's
/// typed API). What a connector calls; it never sees the request's type.
/// </summary>
/// <typeparam name="TClient">What the connector hands every action of its type.</typeparam>
public abstract class ActionHandler<TClient> : ActionHandler
{
    private protected ActionHandler()
    {
    }

    public sealed override Type ClientType => typeof(TClient);

    /// <summary>Whether <see cref="FindOutcomeAsync"/> can tell what became of an ambiguous write of this action.</summary>
    public abstract bool FindsOutcome { get; }

    /// <summary>Runs the parsed request and returns the structured result (matching the action's output schema).</summary>
    public abstract Task<JsonObject> RunAsync(TClient client, ActionRequest request, ConnectorContext context, CancellationToken cancellationToken);

    /// <summary>
    /// After an ambiguous write: what the provider says became of this request (see <see cref="IWriteOutcomeResolver"/>),
    /// or <c>null</c> when it cannot be told.
    /// </summary>
    public abstract Task<WriteOutcome?> FindOutcomeAsync(TClient client, ActionRequest request, ConnectorContext context, CancellationToken cancellationToken);

    /// <summary>The handler of <paramref name="action"/>, which must be one for this client type.</summary>
    public static ActionHandler<TClient> Of(ConnectorAction action) =>
        action.Handler as ActionHandler<TClient>
        ?? throw new InvalidOperationException(
            $"Action '{action.Name}' has a handler for {action.Handler.ClientType.Name}, not for {typeof(TClient).Name}: it belongs to another connector type.");
}
