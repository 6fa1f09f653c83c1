using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Graph;
using Connectors.Mcp.Microsoft.Mail.Outgoing;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Mail.Actions;

/// <summary>
/// <c>create_draft</c>: <c>POST /me/messages</c> (201; Graph saves it in Drafts). Sends nothing — the person reviews
/// and sends it from Outlook — so, as Gmail's create_draft, it runs without approval. Its internetMessageId comes from
/// the idempotency key: a repeat finds the draft instead of making a second one.
/// </summary>
internal static class CreateDraftAction
{
    public const string Name = "create_draft";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Create an email draft",
        Description =
            "Save an email in Outlook's Drafts without sending it (arguments as send_email).",
        InputSchema = SchemaJson.Parse(OutgoingEmailSchema.Input("saved")),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "id": { "type": "string", "description": "Outlook id of the draft message." },
                "conversation_id": { "type": "string" },
                "internet_message_id": { "type": "string", "description": "The Message-ID set on the draft." }
              },
              "required": ["id"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GraphClient, OutgoingEmail>(
            arguments => OutgoingEmail.FromArguments(new ActionArguments(arguments)),
            (graph, email, context, cancellationToken) => RunAsync(graph, email, OutlookWriteIdentity.InternetMessageId(context, Name), cancellationToken),
            (graph, _, context, cancellationToken) => FindAsync(graph, OutlookWriteIdentity.InternetMessageId(context, Name), cancellationToken)),
        ContentArguments = ["subject", "body", "html_body"],
        RecipientArguments = ["to", "cc", "bcc"],
        Describe = arguments => OutgoingEmailSummary.Describe(arguments, "Save this email as an Outlook draft (nothing is sent):"),
    };

    public static async Task<JsonObject> RunAsync(GraphClient graph, OutgoingEmail email, string? internetMessageId, CancellationToken cancellationToken)
    {
        if (internetMessageId is not null)
        {
            // An earlier attempt with this key made the draft already: report it rather than make a second one.
            var earlier = await WrittenMessageLookup.FindAsync(graph, internetMessageId, cancellationToken).ConfigureAwait(false);
            if ((earlier.Draft ?? earlier.Sent) is { } made)
            {
                return Output(made);
            }
        }

        var draft = await graph.WriteAsync(
            (sdk, ct) => sdk.Me.Messages.PostAsync(email.ToDraft(internetMessageId), cancellationToken: ct),
            "The Outlook mailbox",
            cancellationToken).ConfigureAwait(false);
        await DraftIdentity.EnsureAsync(graph, draft, internetMessageId, cancellationToken).ConfigureAwait(false);
        return Output(draft);
    }

    /// <summary>After an ambiguous create: the draft with the key's internetMessageId, or not applied; <c>null</c> without a key.</summary>
    public static async Task<WriteOutcome?> FindAsync(GraphClient graph, string? internetMessageId, CancellationToken cancellationToken)
    {
        if (internetMessageId is null)
        {
            return null;
        }

        var found = await WrittenMessageLookup.FindAsync(graph, internetMessageId, cancellationToken).ConfigureAwait(false);
        return (found.Draft ?? found.Sent) is { } draft ? WriteOutcome.Applied(Output(draft)) : WriteOutcome.NotApplied;
    }

    private static JsonObject Output(Message draft) => new()
    {
        ["id"] = draft.Id ?? string.Empty,
        ["conversation_id"] = draft.ConversationId,
        ["internet_message_id"] = draft.InternetMessageId,
    };
}
