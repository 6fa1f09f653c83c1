using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Graph;
using Connectors.Mcp.Microsoft.Mail.Outgoing;

namespace Connectors.Mcp.Microsoft.Mail.Actions;

/// <summary>
/// <c>send_email</c>: a draft (<c>POST /me/messages</c>) carrying the internetMessageId derived from the idempotency key,
/// then <c>POST /me/messages/{id}/send</c> (<see cref="SentMessage"/>). Delivers mail to other people, so it defaults to
/// Approve; never re-sent blindly: an ambiguous send is looked up by its internetMessageId.
/// </summary>
internal static class SendEmailAction
{
    public const string Name = "send_email";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Send an email",
        Description =
            "Send an email from the connected Outlook account (to answer a message, use reply).",
        InputSchema = SchemaJson.Parse(OutgoingEmailSchema.Input("sent")),
        OutputSchema = SchemaJson.Parse(SentMessage.OutputSchema),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<GraphClient, OutgoingEmail>(
            arguments => OutgoingEmail.FromArguments(new ActionArguments(arguments)),
            (graph, email, context, cancellationToken) => RunAsync(graph, email, OutlookWriteIdentity.InternetMessageId(context, Name), cancellationToken),
            (graph, _, context, cancellationToken) => SentMessage.FindAsync(graph, OutlookWriteIdentity.InternetMessageId(context, Name), cancellationToken)),
        ContentArguments = ["subject", "body", "html_body"],
        RecipientArguments = ["to", "cc", "bcc"],
        Describe = arguments => OutgoingEmailSummary.Describe(arguments, "Send this email:"),
    };

    public static Task<JsonObject> RunAsync(GraphClient graph, OutgoingEmail email, string? internetMessageId, CancellationToken cancellationToken) =>
        SentMessage.SendOnceAsync(
            graph,
            internetMessageId,
            ct => graph.WriteAsync((sdk, c) => sdk.Me.Messages.PostAsync(email.ToDraft(internetMessageId), cancellationToken: c), "The Outlook mailbox", ct),
            cancellationToken);
}
