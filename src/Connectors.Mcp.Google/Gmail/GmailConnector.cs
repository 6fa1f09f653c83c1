using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Gmail.Actions;
using Connectors.Mcp.Google.Idempotency;
using Google.Apis.Services;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Google.Gmail;

/// <summary>
/// One workspace's Gmail connector. Every action validates its arguments completely before anything else happens (no
/// token read, no request), then runs against <see cref="GmailApi"/>.
/// </summary>
internal sealed class GmailConnector : GoogleConnectorBase<GmailApi>, IWriteOutcomeResolver
{
    public GmailConnector(ConnectorContext context, GmailConnectorType type)
        : base(context, type, GmailClientService.DefaultBaseUri, context.LoggerFactory.CreateLogger<GmailConnector>())
    {
    }

    public override async Task<JsonObject> ExecuteAsync(string action, JsonObject arguments, CancellationToken cancellationToken)
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
                return await SendEmailAction.RunAsync(await GetApiAsync(cancellationToken), send, Context.Time.GetUtcNow(), WriteIdentity.MessageId(Context, action), cancellationToken).ConfigureAwait(false);
            case CreateDraftAction.Name:
                var draft = CreateDraftAction.Parse(args);
                return await CreateDraftAction.RunAsync(await GetApiAsync(cancellationToken), draft, Context.Time.GetUtcNow(), WriteIdentity.MessageId(Context, action), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// send_email and create_draft: search <c>rfc822msgid:</c> (messages, or drafts) for the Message-ID derived from the
    /// key. modify_labels cannot be checked, and needs not be: applying the same label change twice changes nothing.
    /// </summary>
    public async Task<WriteOutcome?> ResolveAsync(string action, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (WriteIdentity.MessageId(Context, action) is not { } messageId)
        {
            return null;
        }

        return action switch
        {
            SendEmailAction.Name => await SendEmailAction.FindSentAsync(await GetApiAsync(cancellationToken), messageId, cancellationToken).ConfigureAwait(false),
            CreateDraftAction.Name => await CreateDraftAction.FindCreatedAsync(await GetApiAsync(cancellationToken), messageId, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
    }

    protected override GmailApi CreateApi(BaseClientService.Initializer initializer) =>
        new(new GmailClientService(initializer), Executor);
}
