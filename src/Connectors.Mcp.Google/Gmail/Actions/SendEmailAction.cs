using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Gmail.Mime;
using Connectors.Mcp.Google.Idempotency;

namespace Connectors.Mcp.Google.Gmail.Actions;

/// <summary>
/// <c>send_email</c>: messages.send. Delivers mail to other people, so it defaults to Approve and is never retried. Its
/// Message-ID is derived from the call's idempotency key, so an ambiguous send is resolved with <see cref="FindSentAsync"/>.
/// </summary>
internal static class SendEmailAction
{
    public const string Name = "send_email";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Send an email",
        Description =
            "Send an email from the connected Gmail account; reply_to_message_id makes it a reply in that thread.",
        InputSchema = SchemaJson.Parse(OutgoingEmailSchema.Input("sent")),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "id": { "type": "string", "description": "Gmail id of the sent message." },
                "thread_id": { "type": "string" },
                "message_id_header": { "type": "string", "description": "The Message-ID header set on the message (search with rfc822msgid:)." }
              },
              "required": ["id", "thread_id", "message_id_header"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<GmailApi, OutgoingEmail>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, email, context, cancellationToken) => RunAsync(api, email, context.Time.GetUtcNow(), WriteIdentity.MessageId(context, Name), cancellationToken),
            (api, _, context, cancellationToken) => FindAsync(api, WriteIdentity.MessageId(context, Name), cancellationToken)),
        ContentArguments = ["subject", "body", "html_body"],
        RecipientArguments = ["to", "cc", "bcc"],
        Describe = arguments => OutgoingEmailSummary.Describe(arguments, "Send this email:"),
    };

    public static OutgoingEmail Parse(ActionArguments arguments) => OutgoingEmail.FromArguments(arguments);

    /// <summary>
    /// After an ambiguous send: finds the message by the Message-ID it was sent with (<c>rfc822msgid:</c>). Applied with
    /// the same result a confirmed send returns, or not applied when Gmail has no such message.
    /// </summary>
    public static async Task<WriteOutcome> FindSentAsync(GmailApi api, string messageId, CancellationToken cancellationToken)
    {
        var found = await api.ListMessagesAsync($"rfc822msgid:{messageId}", 1, null, [], cancellationToken).ConfigureAwait(false);
        if (found.Messages is not { Count: > 0 } messages)
        {
            return WriteOutcome.NotApplied;
        }

        return WriteOutcome.Applied(new JsonObject
        {
            ["id"] = messages[0].Id ?? string.Empty,
            ["thread_id"] = messages[0].ThreadId ?? string.Empty,
            ["message_id_header"] = $"<{messageId}>",
        });
    }

    /// <summary>After an ambiguous call: <see cref="FindSentAsync"/> by the Message-ID derived from the key; <c>null</c> without a key.</summary>
    private static async Task<WriteOutcome?> FindAsync(GmailApi api, string? messageId, CancellationToken cancellationToken) =>
        messageId is null ? null : await FindSentAsync(api, messageId, cancellationToken).ConfigureAwait(false);

    public static async Task<JsonObject> RunAsync(GmailApi api, OutgoingEmail email, DateTimeOffset now, string? messageId, CancellationToken cancellationToken)
    {
        var composed = await EmailComposer.ComposeAsync(api, email, now, messageId, cancellationToken).ConfigureAwait(false);
        var sent = await api.SendAsync(composed.Raw, composed.ThreadId, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["id"] = sent.Id ?? string.Empty,
            ["thread_id"] = sent.ThreadId ?? string.Empty,
            ["message_id_header"] = composed.MessageIdHeader,
        };
    }
}
