using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Google.Gmail.Models;

namespace Connectors.Mcp.Google.Gmail.Actions;

/// <summary>
/// <c>list_labels</c>: labels.list, then labels.get per label for the counts (labels.list does not return them),
/// concurrently and bounded.
/// </summary>
internal static class ListLabelsAction
{
    public const string Name = "list_labels";
    private const int CountConcurrency = 8;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "List Gmail labels",
        Description =
            "List the mailbox's labels (INBOX, UNREAD, STARRED, … and the user's own) with ids and counts, for " +
            "search_inbox and modify_labels.",
        InputSchema = SchemaJson.Parse("""
            {
              "type": "object",
              "properties": {},
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "labels": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string" },
                      "name": { "type": "string" },
                      "type": { "type": "string", "enum": ["system", "user"] },
                      "messages_total": { "type": "integer", "minimum": 0 },
                      "messages_unread": { "type": "integer", "minimum": 0 }
                    },
                    "required": ["id", "name", "type"],
                    "additionalProperties": false
                  }
                }
              },
              "required": ["labels"],
              "additionalProperties": false
            }
            """),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GmailApi, ActionArguments>(
            arguments => Parse(new ActionArguments(arguments)),
            (api, _, _, cancellationToken) => RunAsync(api, cancellationToken)),
    };

    public static ActionArguments Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown();
        return arguments;
    }

    public static async Task<JsonObject> RunAsync(GmailApi api, CancellationToken cancellationToken)
    {
        var list = await api.ListLabelsAsync(cancellationToken).ConfigureAwait(false);
        var labels = (list.Labels ?? []).Where(l => !string.IsNullOrEmpty(l.Id)).ToList();
        var detailed = new GmailLabel[labels.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = CountConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, labels.Count), options, async (i, ct) =>
        {
            try
            {
                detailed[i] = await api.GetLabelAsync(labels[i].Id!, ct).ConfigureAwait(false);
            }
            catch (Core.Errors.ResourceNotFoundException)
            {
                detailed[i] = labels[i];
            }
        }).ConfigureAwait(false);

        return new JsonObject
        {
            ["labels"] = new JsonArray(detailed.Select(l => (JsonNode?)new JsonObject
            {
                ["id"] = l.Id,
                ["name"] = l.Name ?? l.Id,
                ["type"] = l.Type == "user" ? "user" : "system",
                ["messages_total"] = l.MessagesTotal,
                ["messages_unread"] = l.MessagesUnread,
            }).ToArray()),
        };
    }
}
