using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Auth;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Microsoft.Graph;

/// <summary>
/// One workspace's connector of a Microsoft Graph type (<c>outlook_mail</c>, <c>outlook_calendar</c>): runs each action's
/// handler against <see cref="GraphClient"/> over the connector's resilient client (requests stamped with its id, so the
/// circuit breaker and bulkhead are its own), with the type's scopes for refreshes. Arguments were parsed before: no
/// token read and no request when they are wrong. After an ambiguous write it asks the action's find step what became of
/// it (<see cref="IWriteOutcomeResolver"/>); <c>null</c>, without a request, when the action cannot be found again.
/// </summary>
internal sealed class GraphConnector : IConnector, IWriteOutcomeResolver
{
    /// <summary>Graph v1.0 in the global cloud: what <c>api_base_url</c> replaces.</summary>
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    private readonly ConnectorContext _context;
    private readonly GraphClient _graph;

    public GraphConnector(ConnectorContext context, IConnectorType type)
    {
        _context = context;
        var http = new HttpClient(new ConnectorTaggingHandler(context.HttpHandlerFactory(), context.ConnectorId), disposeHandler: true);
        var authorization = new MicrosoftAuthorization(context, type.DisplayName, type.Scopes, http, context.LoggerFactory.CreateLogger<GraphConnector>());
        _graph = new GraphClient(http, context.Settings.GetUri(ConnectorSettings.ApiBaseUrl, DefaultBaseUrl), authorization, "Microsoft Graph", context.Time);
    }

    public Task<JsonObject> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken) =>
        ActionHandler<GraphClient>.Of(request.Action).RunAsync(_graph, request, _context, cancellationToken);

    public Task<WriteOutcome?> ResolveAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var handler = ActionHandler<GraphClient>.Of(request.Action);
        return handler.FindsOutcome ? handler.FindOutcomeAsync(_graph, request, _context, cancellationToken) : Task.FromResult<WriteOutcome?>(null);
    }
}
