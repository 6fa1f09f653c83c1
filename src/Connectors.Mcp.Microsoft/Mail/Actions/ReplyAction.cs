using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Graph;
using Connectors.Mcp.Microsoft.Mail.Outgoing;
using Microsoft.Graph.Me.Messages.Item.CreateReply;
using Microsoft.Graph.Me.Messages.Item.CreateReplyAll;
using Microsoft.Graph.Models;

namespace Connectors.Mcp.Microsoft.Mail.Actions;

/// <summary>
/// <c>reply</c>: <c>POST /me/messages/{id}/createReply</c> (or <c>createReplyAll</c>) with the text as Graph's
/// <c>comment</c> — Graph addresses the draft, keeps the conversation and quotes the original below — and the
/// internetMessageId derived from the idempotency key, then <c>POST /me/messages/{draft}/send</c> (<see cref="SentMessage"/>).
/// Approve by default. It declares no recipient arguments: Outlook picks the recipients from the original, so an approval
/// rule over recipients (which needs positive evidence) never auto-approves a reply.
/// </summary>
internal static class ReplyAction
{
    public const string Name = "reply";

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Reply to an Outlook message",
        Description =
            "Reply in a message's conversation to its sender, or with reply_all to everyone on To and Cc; Outlook sets " +
            "recipients and subject and quotes the original.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                "message_id": { "type": "string", "minLength": 1, "maxLength": 512, "pattern": "{{OutlookIds.Pattern}}", "description": "From search_messages." },
                "body": { "type": "string", "minLength": 1, "maxLength": {{OutgoingEmail.MaxBodyLength}}, "description": "Plain text, above the quoted original." },
                "reply_all": { "type": "boolean", "default": false, "description": "Also reply to To and Cc." }
              },
              "required": ["message_id", "body"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse(SentMessage.OutputSchema),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = new ActionHandler<GraphClient, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, request, context, cancellationToken) => RunAsync(graph, request, OutlookWriteIdentity.InternetMessageId(context, Name), cancellationToken),
            (graph, _, context, cancellationToken) => SentMessage.FindAsync(graph, OutlookWriteIdentity.InternetMessageId(context, Name), cancellationToken)),
        ContentArguments = ["body"],
        Describe = OutgoingEmailSummary.DescribeReply,
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("message_id", "body", "reply_all");
        return new Request(
            OutlookIds.Validate("message_id", arguments.RequiredString("message_id")),
            OutgoingEmail.BodyText("body", arguments.RequiredString("body")),
            arguments.OptionalBool("reply_all") ?? false);
    }

    public static Task<JsonObject> RunAsync(GraphClient graph, Request request, string? internetMessageId, CancellationToken cancellationToken) =>
        SentMessage.SendOnceAsync(graph, internetMessageId, ct => CreateReplyAsync(graph, request, internetMessageId, ct), cancellationToken);

    private static Task<Message> CreateReplyAsync(GraphClient graph, Request request, string? internetMessageId, CancellationToken cancellationToken)
    {
        var identity = new Message { InternetMessageId = internetMessageId };
        return graph.WriteAsync(
            (sdk, ct) => request.ReplyAll
                ? sdk.Me.Messages[request.MessageId].CreateReplyAll.PostAsync(new CreateReplyAllPostRequestBody { Comment = request.Body, Message = identity }, cancellationToken: ct)
                : sdk.Me.Messages[request.MessageId].CreateReply.PostAsync(new CreateReplyPostRequestBody { Comment = request.Body, Message = identity }, cancellationToken: ct),
            $"Outlook message '{request.MessageId}'",
            cancellationToken);
    }

    public sealed record Request(string MessageId, string Body, bool ReplyAll);
}
