using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Graph;

namespace Connectors.Mcp.Microsoft.Mail.Actions;

/// <summary><c>list_folders</c>: <c>GET /me/mailFolders</c> (top-level folders with their counts), paged.</summary>
internal static class ListFoldersAction
{
    public const string Name = "list_folders";
    private const int PageSize = 100;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "List Outlook mail folders",
        Description =
            "List the top-level mail folders with ids and counts (for search_messages' folder_id). Page with " +
            "next_page_token.",
        InputSchema = SchemaJson.Parse("""
            {
              "type": "object",
              "properties": {
                "page_token": { "type": "string", "minLength": 1, "maxLength": 4000, "description": "next_page_token of a previous call." }
              },
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "folders": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": { "type": "string" },
                      "name": { "type": "string" },
                      "parent_folder_id": { "type": "string" },
                      "child_folder_count": { "type": "integer", "minimum": 0 },
                      "total_item_count": { "type": "integer", "minimum": 0 },
                      "unread_item_count": { "type": "integer", "minimum": 0 }
                    },
                    "required": ["id", "name", "child_folder_count", "total_item_count", "unread_item_count"],
                    "additionalProperties": false
                  }
                },
                "next_page_token": { "type": "string", "description": "Pass as page_token for the next page; absent on the last page." }
              },
              "required": ["folders"],
              "additionalProperties": false
            }
            """),
        Annotations = ActionAnnotations.Read,
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GraphClient, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, request, _, cancellationToken) => RunAsync(graph, request.PageToken, cancellationToken)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("page_token");
        return new Request(arguments.OptionalString("page_token") is { Length: > 0 } token ? token : null);
    }

    public static async Task<JsonObject> RunAsync(GraphClient graph, string? pageToken, CancellationToken cancellationToken)
    {
        var page = pageToken is null
            ? await graph.CallAsync((sdk, ct) => sdk.Me.MailFolders.GetAsync(r =>
                {
                    r.QueryParameters.Top = PageSize;
                    r.QueryParameters.Select = ["id", "displayName", "parentFolderId", "childFolderCount", "totalItemCount", "unreadItemCount"];
                }, ct), "The mail folder list", cancellationToken).ConfigureAwait(false)
            : await graph.CallAsync(
                (sdk, ct) => sdk.Me.MailFolders.WithUrl(GraphPageToken.Unwrap(pageToken, graph.BaseUri, "page_token").AbsoluteUri).GetAsync(cancellationToken: ct),
                "The mail folder list",
                cancellationToken).ConfigureAwait(false);
        var folders = (page.Value ?? []).Select(f => (JsonNode?)new JsonObject
        {
            ["id"] = f.Id ?? "",
            ["name"] = f.DisplayName ?? "",
            ["parent_folder_id"] = f.ParentFolderId,
            ["child_folder_count"] = Math.Max(0, f.ChildFolderCount ?? 0),
            ["total_item_count"] = Math.Max(0, f.TotalItemCount ?? 0),
            ["unread_item_count"] = Math.Max(0, f.UnreadItemCount ?? 0),
        });
        return new JsonObject
        {
            ["folders"] = new JsonArray(folders.ToArray()),
            ["next_page_token"] = GraphPageToken.Wrap(page.OdataNextLink),
        };
    }

    public sealed record Request(string? PageToken);
}
