using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Auth;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Microsoft.Mail;

/// <summary>
/// One workspace's Outlook mail connector: runs each action's handler against <see cref="GraphClient"/> over the
/// connector's resilient client (requests stamped with its id, so the circuit breaker and bulkhead are its own).
/// Arguments were parsed before: no token read and no request when they are wrong. After an ambiguous write it tells the
/// pipeline what became of it (<see cref="IWriteOutcomeResolver"/>).
/// </summary>
internal sealed class OutlookMailConnector : IConnector, IWriteOutcomeResolver
{
    private readonly ConnectorContext _context;
    private readonly GraphClient _graph;

    public OutlookMailConnector(ConnectorContext context, OutlookMailConnectorType type)
    {
        _context = context;
        var http = new HttpClient(new ConnectorTaggingHandler(context.HttpHandlerFactory(), context.ConnectorId), disposeHandler: true);
        var authorization = new MicrosoftAuthorization(context, type.DisplayName, type.Scopes, http, context.LoggerFactory.CreateLogger<OutlookMailConnector>());
        _graph = new GraphClient(http, context.Settings.GetUri(ConnectorSettings.ApiBaseUrl, OutlookMailConnectorType.DefaultBaseUrl), authorization, "Microsoft Graph", context.Time);
    }

    public Task<JsonObject> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken) =>
        ActionHandler<GraphClient>.Of(request.Action).RunAsync(_graph, request, _context, cancellationToken);

    /// <summary>
    /// After an ambiguous write: the action's handler looks for what it wrote (by the internetMessageId derived from the
    /// key); <c>null</c>, without a request, when the action cannot be found again.
    /// </summary>
    public Task<WriteOutcome?> ResolveAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var handler = ActionHandler<GraphClient>.Of(request.Action);
        return handler.FindsOutcome ? handler.FindOutcomeAsync(_graph, request, _context, cancellationToken) : Task.FromResult<WriteOutcome?>(null);
    }
}
