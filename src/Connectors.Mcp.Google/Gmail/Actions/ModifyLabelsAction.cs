using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Connectors.Arguments;

namespace Connectors.Mcp.Google.Gmail.Actions;

/// <summary><c>modify_labels</c>: messages.modify. Archive = remove INBOX; mark read = remove UNREAD.</summary>
internal static class ModifyLabelsAction
{
    public const string Name = "modify_labels";

    /// <summary>
    /// Gmail's own limit: "You can add up to 100 labels with each update" (and remove up to 100), users.messages.modify,
    /// https://developers.google.com/gmail/api/reference/rest/v1/users.messages/modify.
    /// </summary>
    public const int MaxLabelIdsPerUpdate = 100;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Change a message's labels",
        Description =
            "Add or remove label ids. Archive = remove INBOX, mark read = remove UNREAD, star = add STARRED. Returns the " +
            "labels afterwards.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                "message_id": { "type": "string", "pattern": "{{GmailIds.Pattern}}", "description": "From search_inbox." },
                "add_label_ids": { "$ref": "#/$defs/label_ids" },
                "remove_label_ids": { "$ref": "#/$defs/label_ids" }
              },
              "required": ["message_id"],
              "anyOf": [
                { "required": ["add_label_ids"] },
                { "required": ["remove_label_ids"] }
              ],
              "additionalProperties": false,
              "$defs": {
                "label_ids": {
                  "type": "array",
                  "minItems": 1,
                  "maxItems": {{MaxLabelIdsPerUpdate}},
                  "uniqueItems": true,
                  "items": { "type": "string", "pattern": "{{GmailIds.Pattern}}" }
                }
              }
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "id": { "type": "string" },
                "thread_id": { "type": "string" },
                "label_ids": { "type": "array", "items": { "type": "string" } }
              },
              "required": ["id", "thread_id", "label_ids"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: true, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GmailApi, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, request, _, cancellationToken) => RunAsync(api, request, cancellationToken)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("message_id", "add_label_ids", "remove_label_ids");
        var id = GmailIds.Validate("message_id", arguments.RequiredString("message_id"));
        var add = LabelIds(arguments, "add_label_ids");
        var remove = LabelIds(arguments, "remove_label_ids");
        if (add.Count == 0 && remove.Count == 0)
        {
            throw new ConnectorValidationException("add_label_ids", "give at least one label id in add_label_ids or remove_label_ids.");
        }

        return new Request(id, add, remove);
    }

    public static async Task<JsonObject> RunAsync(GmailApi api, Request request, CancellationToken cancellationToken)
    {
        var message = await api.ModifyLabelsAsync(request.MessageId, request.Add, request.Remove, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["id"] = message.Id ?? request.MessageId,
            ["thread_id"] = message.ThreadId ?? string.Empty,
            ["label_ids"] = new JsonArray((message.LabelIds ?? []).Select(l => (JsonNode?)l).ToArray()),
        };
    }

    private static IReadOnlyList<string> LabelIds(ActionArguments arguments, string field)
    {
        var ids = arguments.StringList(field);
        for (var i = 0; i < ids.Count; i++)
        {
            GmailIds.Validate($"{field}[{i}]", ids[i]);
        }

        return ids;
    }

    public sealed record Request(string MessageId, IReadOnlyList<string> Add, IReadOnlyList<string> Remove);
}
