using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// Graph v1.0 mail under <c>/v1.0/me/</c>: <c>GET mailFolders</c>, <c>GET messages</c>,
/// <c>GET mailFolders/{id}/messages</c> (see <see cref="GraphMessageQuery"/>; <c>@odata.nextLink</c> on the fake's own
/// host) and <c>GET messages/{id}</c> (the body as HTML, or as text with <c>Prefer: outlook.body-content-type="text"</c>);
/// <c>$select</c> trims the properties; the writes are <see cref="GraphMailWriteEndpoints"/>. Every request needs a live
/// access token.
/// </summary>
internal sealed class GraphMailEndpoints(OutlookMailbox mailbox, MicrosoftTokenRegistry tokens, FakeMicrosoftLedger ledger, GraphMailWriteEndpoints writes)
{
    public const string Prefix = "/v1.0/me/";

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value![Prefix.Length..];
        var segments = path.Split('/');
        var write = GraphMailWriteEndpoints.EndpointFor(context.Request.Method, segments);
        var endpoint = !HttpMethods.IsGet(context.Request.Method) ? write : segments switch
        {
            ["mailFolders"] => FakeMicrosoftEndpoints.MailFolders,
            ["messages"] or ["mailFolders", _, "messages"] => FakeMicrosoftEndpoints.Messages,
            ["messages", _] => FakeMicrosoftEndpoints.Message,
            _ => null,
        };
        if (endpoint is null)
        {
            await GraphJson.ErrorAsync(context, 400, "BadRequest", $"Resource not found for the segment '{path}'.");
            return;
        }

        ledger.Record(endpoint);
        var fault = ledger.TakeFault(endpoint);
        if (fault is not null && (write is null || !fault.AfterApplying))
        {
            await GraphJson.FaultAsync(context, fault);
            return;
        }

        var auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !tokens.IsValidAccessToken(auth[7..]))
        {
            await GraphJson.ErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            return;
        }

        if (write is not null)
        {
            await writes.HandleAsync(context, segments, fault);
            return;
        }

        switch (segments)
        {
            case ["mailFolders"]:
                await ListFoldersAsync(context);
                break;
            case ["messages"]:
                await ListMessagesAsync(context, null);
                break;
            case ["mailFolders", var folderId, "messages"]:
                if (mailbox.FindFolder(Uri.UnescapeDataString(folderId)) is not { } folder)
                {
                    await GraphJson.ErrorAsync(context, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
                    return;
                }

                await ListMessagesAsync(context, folder.Id);
                break;
            case ["messages", var messageId]:
                await GetMessageAsync(context, Uri.UnescapeDataString(messageId));
                break;
        }
    }

    private Task ListFoldersAsync(HttpContext context)
    {
        var messages = mailbox.Messages;
        var filter = context.Request.Query["$filter"].ToString();
        if (filter.Length > 0 && !(filter.StartsWith("displayName eq '", StringComparison.Ordinal) && filter.EndsWith('\'')))
        {
            return GraphJson.ErrorAsync(context, 400, "ErrorInvalidUrlQueryFilter", $"The fake supports only displayName eq '…' on mail folders, not '{filter}'.");
        }

        var name = filter.Length > 0 ? filter["displayName eq '".Length..^1].Replace("''", "'", StringComparison.Ordinal) : null;
        var folders = mailbox.Folders.Where(f => name is null || string.Equals(f.DisplayName, name, StringComparison.OrdinalIgnoreCase)).Select(f => (JsonNode?)Select(context, new JsonObject
        {
            ["id"] = f.Id,
            ["displayName"] = f.DisplayName,
            ["parentFolderId"] = "AAMkAGI2-msgfolderroot",
            ["childFolderCount"] = 0,
            ["unreadItemCount"] = messages.Count(m => m.FolderId == f.Id && !m.IsRead),
            ["totalItemCount"] = messages.Count(m => m.FolderId == f.Id),
            ["isHidden"] = false,
        }));
        return Page(context, folders.ToList());
    }

    private Task ListMessagesAsync(HttpContext context, string? folderId)
    {
        var (query, code, error) = GraphMessageQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return GraphJson.ErrorAsync(context, 400, code!, error!);
        }

        var matching = mailbox.Messages.Where(m => folderId is null || m.FolderId == folderId).Where(query.Predicate);
        matching = query.Ascending ? matching.OrderBy(m => m.Received) : matching.OrderByDescending(m => m.Received);
        return Page(context, matching.Select(m => (JsonNode?)Select(context, Json(m, text: false))).ToList(), query.Top, query.Skip);
    }

    private Task GetMessageAsync(HttpContext context, string id)
    {
        if (mailbox.Find(id) is not { } message)
        {
            return GraphJson.ErrorAsync(context, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
        }

        var text = context.Request.Headers["Prefer"].ToString().Contains("outlook.body-content-type=\"text\"", StringComparison.Ordinal);
        if (text)
        {
            context.Response.Headers["Preference-Applied"] = "outlook.body-content-type=\"text\"";
        }

        return GraphJson.WriteAsync(context, Select(context, Json(message, text)));
    }

    /// <summary>One page of <paramref name="items"/> with <c>@odata.nextLink</c> (same path and query, the next <c>$skip</c>) when more remain.</summary>
    private static Task Page(HttpContext context, List<JsonNode?> items, int? top = null, int skip = 0)
    {
        var size = top ?? int.Parse(context.Request.Query["$top"].ToString() is { Length: > 0 } t ? t : "10", System.Globalization.CultureInfo.InvariantCulture);
        skip = top is null && context.Request.Query["$skip"].ToString() is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : skip;
        var page = new JsonObject
        {
            ["@odata.context"] = $"{context.Request.Scheme}://{context.Request.Host}/v1.0/$metadata#users('me')/messages",
            ["value"] = new JsonArray(items.Skip(skip).Take(size).Select(i => i?.DeepClone()).ToArray()),
        };
        if (skip + size < items.Count)
        {
            var query = context.Request.Query.Where(q => q.Key != "$skip")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"$skip={skip + size}");
            page["@odata.nextLink"] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?{string.Join('&', query)}";
        }

        return GraphJson.WriteAsync(context, page);
    }

    public static JsonObject Json(FakeOutlookMessage m, bool text) => new()
    {
        ["id"] = m.Id,
        ["conversationId"] = m.ConversationId,
        ["internetMessageId"] = m.MessageIdHeader,
        ["subject"] = m.Subject,
        ["bodyPreview"] = m.TextBody.Length > 255 ? m.TextBody[..255] : m.TextBody,
        ["from"] = Recipient(m.FromName, m.FromAddress),
        ["toRecipients"] = new JsonArray(m.To.Select(t => (JsonNode?)Recipient(t, t)).ToArray()),
        ["ccRecipients"] = new JsonArray(m.Cc.Select(t => (JsonNode?)Recipient(t, t)).ToArray()),
        ["bccRecipients"] = new JsonArray(m.Bcc.Select(t => (JsonNode?)Recipient(t, t)).ToArray()),
        ["isDraft"] = m.IsDraft,
        ["receivedDateTime"] = m.Received.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["isRead"] = m.IsRead,
        ["parentFolderId"] = m.FolderId,
        ["hasAttachments"] = false,
        ["body"] = new JsonObject { ["contentType"] = text ? "text" : "html", ["content"] = text ? m.TextBody : m.HtmlBody },
    };

    private static JsonObject Recipient(string name, string address) =>
        new() { ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address } };

    /// <summary><c>$select</c>: only the listed properties (and <c>id</c>), as Graph returns them.</summary>
    private static JsonObject Select(HttpContext context, JsonObject item)
    {
        var select = context.Request.Query["$select"].ToString();
        if (select.Length == 0)
        {
            return item;
        }

        var keep = select.Split(',', StringSplitOptions.TrimEntries).Append("id").ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in item.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
        {
            item.Remove(key);
        }

        return item;
    }
}
