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
    /// <param name="run">Runs the request with the connector's client. Null-valued properties of its result are left out (<see cref="NullProperties"/>).</param>
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

    public override async Task<JsonObject> RunAsync(TClient client, ActionRequest request, ConnectorContext context, CancellationToken cancellationToken) =>
        NullProperties.Omit(await _run(client, Typed(request), context, cancellationToken));

    public override async Task<WriteOutcome?> FindOutcomeAsync(TClient client, ActionRequest request, ConnectorContext context, CancellationToken cancellationToken)
    {
        if (_find is null)
        {
            return null;
        }

        var outcome = await _find(client, Typed(request), context, cancellationToken);
        return outcome?.Result is { } result ? outcome with { Result = NullProperties.Omit(result) } : outcome;
    }

    private static TRequest Typed(ActionRequest request) =>
        request.Parsed is TRequest typed
            ? typed
            : throw new InvalidOperationException($"The request of action '{request.Action.Name}' was not parsed by its handler.");
}
