using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Http.Resilience;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Zoom.Api;
using Connectors.Mcp.Zoom.Auth;

namespace Connectors.Mcp.Zoom.Meetings;

/// <summary>
/// One workspace's <c>zoom</c> connector: runs each action's handler against <see cref="ZoomApi"/> over the connector's
/// resilient client (requests stamped with its id, so circuit and bulkhead are its own), token requests included.
/// Arguments were parsed before: no token read and no request when they are wrong. After an ambiguous write it asks the
/// action's find step what became of it (<see cref="IWriteOutcomeResolver"/>).
/// </summary>
internal sealed class ZoomConnector : IConnector, IWriteOutcomeResolver
{
    private readonly ConnectorContext _context;
    private readonly ZoomApi _api;

    public ZoomConnector(ConnectorContext context, IConnectorType type, ZoomServerTokenCache serverTokens)
    {
        _context = context;
        var http = new HttpClient(new ConnectorTaggingHandler(context.HttpHandlerFactory(), context.ConnectorId), disposeHandler: true);
        var tokens = new ZoomTokenClient(http, ZoomEndpoints.Token(context.Settings), context.Time);
        var authorization = new ZoomAccessTokenSource(context, type.DisplayName, tokens, serverTokens);
        _api = new ZoomApi(http, ZoomEndpoints.Api(context.Settings), authorization, context.Time);
    }

    public Task<JsonObject> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken) =>
        ActionHandler<ZoomApi>.Of(request.Action).RunAsync(_api, request, _context, cancellationToken);

    public Task<WriteOutcome?> ResolveAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var handler = ActionHandler<ZoomApi>.Of(request.Action);
        return handler.FindsOutcome ? handler.FindOutcomeAsync(_api, request, _context, cancellationToken) : Task.FromResult<WriteOutcome?>(null);
    }
}
