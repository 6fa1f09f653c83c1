using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Arguments;
using Connectors.Mcp.Google.Auth;
using Connectors.Mcp.Google.Gmail.Actions;
using Connectors.Mcp.Google.Http;
using Connectors.Mcp.Google.Idempotency;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Gmail;

/// <summary>
/// One workspace's Gmail connector. Every action validates its arguments completely before anything else happens (no
/// token read, no request), then runs against <see cref="GmailApi"/>.
/// </summary>
internal sealed class GmailConnector : IConnector, IWriteOutcomeResolver
{
    private readonly ConnectorContext _context;
    private readonly Uri _baseUri;
    private readonly GoogleConnectorAuthorization _authorization;
    private readonly GoogleRequestExecutor _executor;
    private readonly Lock _apiLock = new();
    private GmailApi? _api;

    public GmailConnector(ConnectorContext context, GmailConnectorType type)
    {
        _context = context;
        _baseUri = context.Settings.GetUri(ConnectorSettings.ApiBaseUrl, GmailClientService.DefaultBaseUri);
        var logger = context.LoggerFactory.CreateLogger<GmailConnector>();
        _authorization = new GoogleConnectorAuthorization(context, type.DisplayName, type.Scopes, logger);
        _executor = new GoogleRequestExecutor(_authorization, type.DisplayName, context.Time);
    }

    public async Task<JsonObject> ExecuteAsync(string action, JsonObject arguments, CancellationToken cancellationToken)
    {
        var args = new ActionArguments(arguments);
        switch (action)
        {
            case SearchInboxAction.Name:
                var search = SearchInboxAction.Parse(args);
                return await SearchInboxAction.RunAsync(await GetApiAsync(cancellationToken), search, cancellationToken).ConfigureAwait(false);
            case GetMessageAction.Name:
                var get = GetMessageAction.Parse(args);
                return await GetMessageAction.RunAsync(await GetApiAsync(cancellationToken), get, cancellationToken).ConfigureAwait(false);
            case SendEmailAction.Name:
                var send = SendEmailAction.Parse(args);
                return await SendEmailAction.RunAsync(await GetApiAsync(cancellationToken), send, _context.Time.GetUtcNow(), WriteIdentity.MessageId(_context, action), cancellationToken).ConfigureAwait(false);
            case CreateDraftAction.Name:
                var draft = CreateDraftAction.Parse(args);
                return await CreateDraftAction.RunAsync(await GetApiAsync(cancellationToken), draft, _context.Time.GetUtcNow(), WriteIdentity.MessageId(_context, action), cancellationToken).ConfigureAwait(false);
            case ListLabelsAction.Name:
                ListLabelsAction.Parse(args);
                return await ListLabelsAction.RunAsync(await GetApiAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            case ModifyLabelsAction.Name:
                var modify = ModifyLabelsAction.Parse(args);
                return await ModifyLabelsAction.RunAsync(await GetApiAsync(cancellationToken), modify, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentException($"The gmail connector has no action '{action}'.", nameof(action));
        }
    }

    /// <summary>send_email: searches <c>rfc822msgid:</c> for the Message-ID derived from the key. Other actions cannot be checked.</summary>
    public async Task<WriteOutcome?> ResolveAsync(string action, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (action != SendEmailAction.Name || WriteIdentity.MessageId(_context, action) is not { } messageId)
        {
            return null;
        }

        return await SendEmailAction.FindSentAsync(await GetApiAsync(cancellationToken), messageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The API over the current credential; the client service is built once, on the first call.</summary>
    private async Task<GmailApi> GetApiAsync(CancellationToken cancellationToken)
    {
        var credential = await _authorization.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        lock (_apiLock)
        {
            return _api ??= new GmailApi(new GmailClientService(GoogleClientServiceOptions.Create(_context, credential, _baseUri)), _executor);
        }
    }
}
