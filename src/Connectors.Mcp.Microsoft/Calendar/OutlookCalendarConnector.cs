using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Auth;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Microsoft.Calendar;

/// <summary>
/// One workspace's Outlook calendar connector: runs each action's handler against <see cref="GraphClient"/> over the
/// connector's resilient client, and after an ambiguous write asks the action's find step what became of it
/// (<see cref="IWriteOutcomeResolver"/>). Arguments were parsed before: no token read and no request when they are wrong.
/// </summary>
internal sealed class OutlookCalendarConnector : IConnector, IWriteOutcomeResolver
{
    private readonly ConnectorContext _context;
    private readonly GraphClient _graph;

    public OutlookCalendarConnector(ConnectorContext context, OutlookCalendarConnectorType type)
    {
        _context = context;
        var http = new HttpClient(new ConnectorTaggingHandler(context.HttpHandlerFactory(), context.ConnectorId), disposeHandler: true);
        var authorization = new MicrosoftAuthorization(context, type.DisplayName, type.Scopes, http, context.LoggerFactory.CreateLogger<OutlookCalendarConnector>());
        _graph = new GraphClient(http, context.Settings.GetUri(ConnectorSettings.ApiBaseUrl, OutlookCalendarConnectorType.DefaultBaseUrl), authorization, "Microsoft Graph", context.Time);
    }

    public Task<JsonObject> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken) =>
        ActionHandler<GraphClient>.Of(request.Action).RunAsync(_graph, request, _context, cancellationToken);

    public Task<WriteOutcome?> ResolveAsync(ActionRequest request, CancellationToken cancellationToken) =>
        ActionHandler<GraphClient>.Of(request.Action).FindOutcomeAsync(_graph, request, _context, cancellationToken);
}
