using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Auth;
using Connectors.Mcp.Google.Http;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Services;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google;

/// <summary>
/// What every Google connector shares (the seed's BaseConnector): the endpoint from <c>api_base_url</c>, the OAuth
/// state that refreshes through the encrypted store, the request executor that maps Google's errors, and one API client
/// per instance built over the current credential on the first call. Actions run through their own handlers
/// (<see cref="ConnectorAction.Handler"/>), which get that API: no connector dispatches on action names.
/// </summary>
/// <typeparam name="TApi">The connector's typed API over its client service (e.g. <c>GmailApi</c>).</typeparam>
internal abstract class GoogleConnectorBase<TApi> : IConnector, IWriteOutcomeResolver
    where TApi : class
{
    private readonly Lock _apiLock = new();
    private TApi? _api;

    protected GoogleConnectorBase(ConnectorContext context, IConnectorType type, string defaultBaseUri, ILogger logger)
    {
        Context = context;
        BaseUri = context.Settings.GetUri(ConnectorSettings.ApiBaseUrl, defaultBaseUri);
        Authorization = new GoogleConnectorAuthorization(context, type.DisplayName, type.Scopes, logger);
        Executor = new GoogleRequestExecutor(Authorization, type.DisplayName, context.Time);
    }

    protected ConnectorContext Context { get; }

    protected Uri BaseUri { get; }

    protected GoogleConnectorAuthorization Authorization { get; }

    protected GoogleRequestExecutor Executor { get; }

    /// <summary>Validated already (the request is parsed); runs the action's handler with the API over the current credential.</summary>
    public async Task<JsonObject> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var handler = ActionHandler<TApi>.Of(request.Action);
        return await handler.RunAsync(await GetApiAsync(cancellationToken), request, Context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After an ambiguous write: asks the action's handler to find it again (e.g. by the Message-ID or event id derived from
    /// the key). <c>null</c>, without reading a token, when the action cannot be found again.
    /// </summary>
    public async Task<WriteOutcome?> ResolveAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var handler = ActionHandler<TApi>.Of(request.Action);
        return handler.FindsOutcome
            ? await handler.FindOutcomeAsync(await GetApiAsync(cancellationToken), request, Context, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Builds the typed API over a client service initialised with these options.</summary>
    protected abstract TApi CreateApi(BaseClientService.Initializer initializer);

    /// <summary>The API over the current credential; the client service is built once, on the first call.</summary>
    protected async Task<TApi> GetApiAsync(CancellationToken cancellationToken)
    {
        UserCredential credential = await Authorization.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        lock (_apiLock)
        {
            return _api ??= CreateApi(GoogleClientServiceOptions.Create(Context, credential, BaseUri));
        }
    }
}
