using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Gmail.Mime;
using Connectors.Mcp.Google.Idempotency;

namespace Connectors.Mcp.Google.Gmail.Actions;

/// <summary><c>create_draft</c>: drafts.create. Sends nothing; the person sends the draft from Gmail.</summary>
internal static class CreateDraftAction
{
    public const string Name = "create_draft";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Create an email draft",
        Description =
            "Save an email as a Gmail draft without sending it (arguments as send_email).",
        InputSchema = SchemaJson.Parse(OutgoingEmailSchema.Input("saved")),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "draft_id": { "type": "string", "description": "Gmail id of the draft." },
                "id": { "type": "string", "description": "Gmail id of the draft's message." },
                "thread_id": { "type": "string" },
                "message_id_header": { "type": "string", "description": "The Message-ID header set on the draft." }
              },
              "required": ["draft_id", "id", "thread_id", "message_id_header"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GmailApi, OutgoingEmail>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, email, context, cancellationToken) => RunAsync(api, email, context.Time.GetUtcNow(), WriteIdentity.MessageId(context, Name), cancellationToken),
            (api, _, context, cancellationToken) => FindAsync(api, WriteIdentity.MessageId(context, Name), cancellationToken)),
        ContentArguments = ["subject", "body", "html_body"],
        RecipientArguments = ["to", "cc", "bcc"],
        Describe = arguments => OutgoingEmailSummary.Describe(arguments, "Save this email as a Gmail draft (nothing is sent):"),
    };

    public static OutgoingEmail Parse(ActionArguments arguments) => OutgoingEmail.FromArguments(arguments);

    /// <summary>Finds the draft an ambiguous create left behind, by the Message-ID derived from the call's key.</summary>
    public static async Task<WriteOutcome> FindCreatedAsync(GmailApi api, string messageId, CancellationToken cancellationToken)
    {
        var found = await api.ListDraftsAsync($"rfc822msgid:{messageId}", 1, cancellationToken).ConfigureAwait(false);
        if (found.Drafts is not { Count: > 0 } drafts)
        {
            return WriteOutcome.NotApplied;
        }

        return WriteOutcome.Applied(new JsonObject
        {
            ["draft_id"] = drafts[0].Id ?? string.Empty,
            ["id"] = drafts[0].Message?.Id ?? string.Empty,
            ["thread_id"] = drafts[0].Message?.ThreadId ?? string.Empty,
            ["message_id_header"] = $"<{messageId}>",
        });
    }

    /// <summary>After an ambiguous call: <see cref="FindCreatedAsync"/> by the Message-ID derived from the key; <c>null</c> without a key.</summary>
    private static async Task<WriteOutcome?> FindAsync(GmailApi api, string? messageId, CancellationToken cancellationToken) =>
        messageId is null ? null : await FindCreatedAsync(api, messageId, cancellationToken).ConfigureAwait(false);

    public static async Task<JsonObject> RunAsync(GmailApi api, OutgoingEmail email, DateTimeOffset now, string? messageId, CancellationToken cancellationToken)
    {
        var composed = await EmailComposer.ComposeAsync(api, email, now, messageId, cancellationToken).ConfigureAwait(false);
        var draft = await api.CreateDraftAsync(composed.Raw, composed.ThreadId, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["draft_id"] = draft.Id ?? string.Empty,
            ["id"] = draft.Message?.Id ?? string.Empty,
            ["thread_id"] = draft.Message?.ThreadId ?? string.Empty,
            ["message_id_header"] = composed.MessageIdHeader,
        };
    }
}
