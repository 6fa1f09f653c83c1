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
/// per instance built over the current credential on the first call.
/// </summary>
/// <typeparam name="TApi">The connector's typed API over its client service (e.g. <c>GmailApi</c>).</typeparam>
internal abstract class GoogleConnectorBase<TApi> : IConnector
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

    public abstract Task<JsonObject> ExecuteAsync(string action, JsonObject arguments, CancellationToken cancellationToken);

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
