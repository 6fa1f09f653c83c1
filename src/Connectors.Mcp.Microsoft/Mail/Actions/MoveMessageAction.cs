using System.Text.Json.Nodes;
using Connectors.Mcp.Connectors.Arguments;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph.Me.Messages.Item.Move;

namespace Connectors.Mcp.Microsoft.Mail.Actions;

/// <summary>
/// <c>move_message</c>: <c>POST /me/messages/{id}/move</c> (201 with the moved message, which has a NEW id) to a folder by
/// id or well-known name (<c>archive</c>, <c>inbox</c>, <c>deleteditems</c>, <c>junkemail</c>, …) or by the display name
/// of a top-level folder (<c>GET /me/mailFolders?$filter=displayName eq '…'</c>). Runs without approval, as Gmail's
/// label changes (archive = remove INBOX) do: it reaches nobody and can be undone by moving back; Deleted Items is a
/// folder, not a permanent delete.
/// </summary>
internal static class MoveMessageAction
{
    public const string Name = "move_message";
    public const int MaxFolderNameLength = 255;

    public static ConnectorAction Declaration { get; } = new()
    {
        Name = Name,
        Title = "Move an Outlook message",
        Description =
            "Move a message to a folder, by id or well-known name (archive, inbox, deleteditems, junkemail, drafts, " +
            "sentitems) or by display name. The moved message gets a NEW id: use the returned one.",
        InputSchema = SchemaJson.Parse($$"""
            {
              "type": "object",
              "properties": {
                "message_id": { "type": "string", "minLength": 1, "maxLength": 512, "pattern": "{{OutlookIds.Pattern}}", "description": "From search_messages." },
                "destination_folder_id": { "type": "string", "minLength": 1, "maxLength": 512, "pattern": "{{OutlookIds.Pattern}}", "description": "Id from list_folders or a well-known name." },
                "destination_folder_name": { "type": "string", "minLength": 1, "maxLength": {{MaxFolderNameLength}}, "description": "A top-level folder's name (case-insensitive)." }
              },
              "required": ["message_id"],
              "oneOf": [
                { "required": ["destination_folder_id"] },
                { "required": ["destination_folder_name"] }
              ],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaJson.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "id": { "type": "string", "description": "The message's NEW id in its new folder." },
                "previous_id": { "type": "string", "description": "The id it had before the move (no longer valid)." },
                "folder_id": { "type": "string", "description": "Id of the folder it is in now." },
                "conversation_id": { "type": "string" }
              },
              "required": ["id", "previous_id"],
              "additionalProperties": false
            }
            """),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: false, OpenWorld: true),
        DefaultPolicy = ApprovalPolicy.Auto,
        Handler = new ActionHandler<GraphClient, Request>(
            arguments => Parse(new ActionArguments(arguments)),
            (graph, request, _, cancellationToken) => RunAsync(graph, request, cancellationToken)),
    };

    public static Request Parse(ActionArguments arguments)
    {
        arguments.RejectUnknown("message_id", "destination_folder_id", "destination_folder_name");
        var id = OutlookIds.Validate("message_id", arguments.RequiredString("message_id"));
        var folderId = arguments.OptionalString("destination_folder_id");
        var folderName = arguments.OptionalString("destination_folder_name");
        if ((folderId is null) == (folderName is null))
        {
            throw new ConnectorValidationException("destination_folder_id", "give exactly one of destination_folder_id or destination_folder_name.");
        }

        if (folderName is not null && (folderName.Length is 0 or > MaxFolderNameLength || folderName.Any(char.IsControl)))
        {
            throw new ConnectorValidationException("destination_folder_name", $"must be a folder name of 1 to {MaxFolderNameLength} characters without control characters.");
        }

        return new Request(id, folderId is null ? null : OutlookIds.Validate("destination_folder_id", folderId), folderName);
    }

    public static async Task<JsonObject> RunAsync(GraphClient graph, Request request, CancellationToken cancellationToken)
    {
        var destination = request.FolderId ?? await FolderIdByNameAsync(graph, request.FolderName!, cancellationToken).ConfigureAwait(false);
        var moved = await graph.WriteAsync(
            (sdk, ct) => sdk.Me.Messages[request.MessageId].Move.PostAsync(new MovePostRequestBody { DestinationId = destination }, cancellationToken: ct),
            $"Outlook message '{request.MessageId}' or folder '{destination}'",
            cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["id"] = moved.Id ?? string.Empty,
            ["previous_id"] = request.MessageId,
            ["folder_id"] = moved.ParentFolderId,
            ["conversation_id"] = moved.ConversationId,
        };
    }

    private static async Task<string> FolderIdByNameAsync(GraphClient graph, string name, CancellationToken cancellationToken)
    {
        var page = await graph.CallAsync(
            (sdk, ct) => sdk.Me.MailFolders.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"displayName eq '{name.Replace("'", "''", StringComparison.Ordinal)}'";
                r.QueryParameters.Select = ["id", "displayName"];
                r.QueryParameters.Top = 2;
            }, ct),
            "The mail folder list",
            cancellationToken).ConfigureAwait(false);
        return (page.Value ?? []) switch
        {
            [{ Id: { } id }] => id,
            [] => throw new ResourceNotFoundException($"No top-level Outlook mail folder is named '{name}'; list_folders shows the folders and their ids."),
            _ => throw new ConnectorValidationException("destination_folder_name", $"more than one folder is named '{name}'; give its id as destination_folder_id (see list_folders)."),
        };
    }

    public sealed record Request(string MessageId, string? FolderId, string? FolderName);
}
