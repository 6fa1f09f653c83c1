using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Gmail.Mime;

namespace Connectors.Mcp.Google.Gmail.Actions;

/// <summary>Turns a validated email into Gmail's <c>raw</c> form, looking up the original first when it is a reply.</summary>
internal static class EmailComposer
{
    private static readonly string[] ReplyHeaders = ["Message-ID", "References"];

    /// <param name="messageId">The Message-ID to set (derived from the idempotency key), or <c>null</c> for a random one.</param>
    public static async Task<ComposedEmail> ComposeAsync(GmailApi api, OutgoingEmail email, DateTimeOffset now, string? messageId, CancellationToken cancellationToken)
    {
        ReplyContext? reply = null;
        if (email.ReplyToMessageId is { } originalId)
        {
            Models.GmailMessage original;
            try
            {
                original = await api.GetMessageAsync(originalId, "metadata", ReplyHeaders, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceNotFoundException ex)
            {
                throw new ResourceNotFoundException($"reply_to_message_id: {ex.Message}", ex);
            }

            reply = new ReplyContext(
                original.ThreadId ?? string.Empty,
                IncomingMessage.Header(original.Payload, "Message-ID"),
                IncomingMessage.Header(original.Payload, "References"));
        }

        messageId ??= OutgoingMessageBuilder.NewMessageId();
        var message = OutgoingMessageBuilder.Build(email, reply, now, messageId);
        return new ComposedEmail(OutgoingMessageBuilder.ToRaw(message), reply is { ThreadId.Length: > 0 } ? reply.ThreadId : null, $"<{messageId}>");
    }

    public sealed record ComposedEmail(string Raw, string? ThreadId, string MessageIdHeader);
}
