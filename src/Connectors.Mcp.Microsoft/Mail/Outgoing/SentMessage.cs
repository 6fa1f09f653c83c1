using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Mail.Outgoing;

/// <summary>
/// Sends a message at most once for one idempotency key, for <c>send_email</c> and <c>reply</c>. Never
/// <c>POST /me/sendMail</c> (202, no id: an unknown outcome could not be checked): the message is first a draft carrying
/// the <c>internetMessageId</c> derived from the key, then <c>POST /me/messages/{id}/send</c> (202), which our pipeline
/// never retries. Before creating anything it looks the id up: already sent → that result, nothing sent again; a draft
/// left by an earlier attempt → that draft is sent. After an ambiguous send, <see cref="FindAsync"/> looks again.
/// </summary>
internal static class SentMessage
{
    public const string OutputSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {
            "status": { "type": "string", "enum": ["sent"], "description": "Outlook accepted the message for delivery." },
            "internet_message_id": { "type": "string", "description": "The Message-ID of the sent message (search for it, or find it in Sent Items)." },
            "conversation_id": { "type": "string", "description": "The Outlook conversation the message belongs to." }
          },
          "required": ["status"],
          "additionalProperties": false
        }
        """;

    /// <param name="createDraft">Creates the draft (with the given internetMessageId when Graph takes it on creation).</param>
    public static async Task<JsonObject> SendOnceAsync(GraphClient graph, string? internetMessageId, Func<CancellationToken, Task<Message>> createDraft, CancellationToken cancellationToken)
    {
        Message? draft = null;
        if (internetMessageId is not null)
        {
            var earlier = await WrittenMessageLookup.FindAsync(graph, internetMessageId, cancellationToken).ConfigureAwait(false);
            if (earlier.Sent is { } sent)
            {
                return Output(sent.InternetMessageId, sent.ConversationId);
            }

            draft = earlier.Draft;
        }

        if (draft is null)
        {
            draft = await createDraft(cancellationToken).ConfigureAwait(false);
            await DraftIdentity.EnsureAsync(graph, draft, internetMessageId, cancellationToken).ConfigureAwait(false);
        }

        var draftId = draft.Id ?? throw new Core.Errors.ProviderException("Microsoft Graph created the draft without an id.");
        await graph.WriteAsync(
            (sdk, ct) => sdk.Me.Messages[draftId].Send.PostAsync(cancellationToken: ct),
            $"Outlook draft '{draftId}'",
            cancellationToken).ConfigureAwait(false);
        return Output(internetMessageId ?? draft.InternetMessageId, draft.ConversationId);
    }

    /// <summary>
    /// After an ambiguous send: sent (anywhere in the mailbox) → applied with the same output; our draft still there →
    /// unknown (<c>null</c>: Graph sends asynchronously, so "not yet moved" is not "not sent"; a later attempt looks again
    /// and sends that draft only if it is still unsent); nothing → not applied. <c>null</c> without a key.
    /// </summary>
    public static async Task<WriteOutcome?> FindAsync(GraphClient graph, string? internetMessageId, CancellationToken cancellationToken)
    {
        if (internetMessageId is null)
        {
            return null;
        }

        var found = await WrittenMessageLookup.FindAsync(graph, internetMessageId, cancellationToken).ConfigureAwait(false);
        return found switch
        {
            { Sent: { } sent } => WriteOutcome.Applied(Output(sent.InternetMessageId, sent.ConversationId)),
            { Draft: not null } => null,
            _ => WriteOutcome.NotApplied,
        };
    }

    private static JsonObject Output(string? internetMessageId, string? conversationId) => new()
    {
        ["status"] = "sent",
        ["internet_message_id"] = internetMessageId,
        ["conversation_id"] = conversationId,
    };
}
