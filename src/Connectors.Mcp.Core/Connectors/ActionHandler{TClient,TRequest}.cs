using System.Text.Json.Nodes;

namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// An action's handler from three functions written in the action's own file: parse, run, and (for a write that can be
/// found again after an ambiguous outcome) find.
/// </summary>
/// <typeparam name="TClient">What the connector hands the action (e.g. Gmail's typed API).</typeparam>
/// <typeparam name="TRequest">The parsed arguments.</typeparam>
public sealed class ActionHandler<TClient, TRequest> : ActionHandler<TClient>
    where TRequest : notnull
{
    private readonly Func<JsonObject, TRequest> _parse;
    private readonly Func<TClient, TRequest, ConnectorContext, CancellationToken, Task<JsonObject>> _run;
    private readonly Func<TClient, TRequest, ConnectorContext, CancellationToken, Task<WriteOutcome?>>? _find;

    /// <param name="parse">Schema-valid arguments → request; throws <see cref="Errors.ConnectorValidationException"/>. Runs once per call, in the validation stage.</param>
    /// <param name="run">Runs the request with the connector's client.</param>
    /// <param name="find">Optional: after an ambiguous write, asks the provider whether this request took effect (never re-sends).</param>
    public ActionHandler(
        Func<JsonObject, TRequest> parse,
        Func<TClient, TRequest, ConnectorContext, CancellationToken, Task<JsonObject>> run,
        Func<TClient, TRequest, ConnectorContext, CancellationToken, Task<WriteOutcome?>>? find = null)
    {
        _parse = parse;
        _run = run;
        _find = find;
    }

    public override bool FindsOutcome => _find is not null;

    public override object ParseArguments(JsonObject arguments) => _parse(arguments);

    public override Task<JsonObject> RunAsync(TClient client, ActionRequest request, ConnectorContext context, CancellationToken cancellationToken) =>
        _run(client, Typed(request), context, cancellationToken);

    public override Task<WriteOutcome?> FindOutcomeAsync(TClient client, ActionRequest request, ConnectorContext context, CancellationToken cancellationToken) =>
        _find is null ? Task.FromResult<WriteOutcome?>(null) : _find(client, Typed(request), context, cancellationToken);

    private static TRequest Typed(ActionRequest request) =>
        request.Parsed is TRequest typed
            ? typed
            : throw new InvalidOperationException($"The request of action '{request.Action.Name}' was not parsed by its handler.");
}
