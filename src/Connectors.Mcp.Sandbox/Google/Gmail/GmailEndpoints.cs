using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google.OAuth;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>
/// <c>/gmail/v1/users/{userId}/…</c>: messages (list, get, send, modify), drafts (create, list) and labels (list, get)
/// in Gmail's wire format, behind a bearer-token check. Each request is counted; a queued fault answers instead.
/// </summary>
internal sealed class GmailEndpoints(GmailMailbox mailbox, OAuthTokenRegistry tokens, RequestLedger ledger)
{
    public const string Prefix = "/gmail/v1/users/";
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    public async Task HandleAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value![Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var route = Route(context.Request.Method, segments);
        if (route is null)
        {
            await GoogleJsonResponses.WriteErrorAsync(context, 404, "Method not found.");
            return;
        }

        var (endpoint, id) = route.Value;
        ledger.Record(endpoint);
        if (!Authorized(context, out var missing))
        {
            context.Response.Headers.WWWAuthenticate = missing
                ? "Bearer realm=\"https://accounts.google.com/\""
                : "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";
            await GoogleJsonResponses.WriteErrorAsync(context, 401, reason: missing ? "required" : "authError");
            return;
        }

        if (segments[0] != "me" && !string.Equals(segments[0], mailbox.UserAddress, StringComparison.OrdinalIgnoreCase))
        {
            await GoogleJsonResponses.WriteErrorAsync(context, 403, $"Delegation denied for {mailbox.UserAddress}", "forbidden");
            return;
        }

        var fault = ledger.TakeFault(endpoint);
        if (!await FakeFaultPlayer.BeforeActingAsync(context, fault, ledger))
        {
            return;
        }

        try
        {
            var body = endpoint switch
            {
                FakeGoogleEndpoints.MessagesList => ListMessages(context.Request.Query),
                FakeGoogleEndpoints.MessagesGet => GetMessage(RequireId(id), context.Request.Query),
                FakeGoogleEndpoints.MessagesSend => Send(await ReadJsonAsync(context)),
                FakeGoogleEndpoints.MessagesModify => Modify(RequireId(id), await ReadJsonAsync(context)),
                FakeGoogleEndpoints.DraftsCreate => CreateDraft(await ReadJsonAsync(context)),
                FakeGoogleEndpoints.DraftsList => ListDrafts(context.Request.Query),
                FakeGoogleEndpoints.LabelsList => ListLabels(),
                FakeGoogleEndpoints.LabelsGet => GetLabel(id!),
                _ => throw GoogleApiFault.NotFound(),
            };
            if (await FakeFaultPlayer.AfterActingAsync(context, fault))
            {
                return;
            }

            await GoogleJsonResponses.WriteAsync(context, body);
        }
        catch (GoogleApiFault fault2)
        {
            await GoogleJsonResponses.WriteErrorAsync(context, fault2.Code, fault2.GoogleMessage, fault2.Reason);
        }
    }

    private static (string Endpoint, string? Id)? Route(string method, string[] s)
    {
        var get = HttpMethods.IsGet(method);
        var post = HttpMethods.IsPost(method);
        return s switch
        {
            [_, "messages"] when get => (FakeGoogleEndpoints.MessagesList, null),
            [_, "messages", "send"] when post => (FakeGoogleEndpoints.MessagesSend, null),
            [_, "messages", var id] when get => (FakeGoogleEndpoints.MessagesGet, id),
            [_, "messages", var id, "modify"] when post => (FakeGoogleEndpoints.MessagesModify, id),
            [_, "drafts"] when post => (FakeGoogleEndpoints.DraftsCreate, null),
            [_, "drafts"] when get => (FakeGoogleEndpoints.DraftsList, null),
            [_, "labels"] when get => (FakeGoogleEndpoints.LabelsList, null),
            [_, "labels", var id] when get => (FakeGoogleEndpoints.LabelsGet, id),
            _ => null,
        };
    }

    private bool Authorized(HttpContext context, out bool missing)
    {
        var header = context.Request.Headers.Authorization.ToString();
        missing = !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        return !missing && tokens.IsValidAccessToken(header["Bearer ".Length..].Trim());
    }

    private static string RequireId(string? id) =>
        id is { Length: > 0 } && id.All(char.IsAsciiHexDigit) ? id : throw GoogleApiFault.BadRequest("Invalid id value");

    private JsonObject ListMessages(IQueryCollection query)
    {
        var pageSize = DefaultPageSize;
        if (query["maxResults"].ToString() is { Length: > 0 } max
            && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
        {
            throw GoogleApiFault.BadRequest($"Invalid value for maxResults: {max}");
        }

        pageSize = Math.Min(pageSize, MaxPageSize);
        var offset = 0;
        if (query["pageToken"].ToString() is { Length: > 0 } token
            && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw GoogleApiFault.BadRequest("Invalid pageToken");
        }

        var search = GmailSearchQuery.Parse(query["q"].ToString(), mailbox.ResolveLabel);
        var labelIds = query["labelIds"].OfType<string>().ToList();
        var includeSpamTrash = search.IncludesSpamTrash || string.Equals(query["includeSpamTrash"], "true", StringComparison.OrdinalIgnoreCase);
        var matches = mailbox.Query(m =>
            (includeSpamTrash || (!m.LabelIds.Contains(SystemLabels.Spam) && !m.LabelIds.Contains(SystemLabels.Trash)))
            && labelIds.All(m.LabelIds.Contains)
            && search.Matches(m));

        var page = matches.Skip(offset).Take(pageSize).ToList();
        var json = new JsonObject();
        if (page.Count > 0)
        {
            json["messages"] = new JsonArray(page.Select(m => (JsonNode?)new JsonObject { ["id"] = m.Id, ["threadId"] = m.ThreadId }).ToArray());
        }

        if (offset + page.Count < matches.Count)
        {
            json["nextPageToken"] = (offset + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        json["resultSizeEstimate"] = matches.Count;
        return json;
    }

    private JsonObject GetMessage(string id, IQueryCollection query)
    {
        var format = query["format"].ToString() is { Length: > 0 } f ? f : "full";
        if (format is not ("full" or "metadata" or "minimal" or "raw"))
        {
            throw GoogleApiFault.BadRequest($"Invalid value at 'format' ({format})");
        }

        var message = mailbox.Find(id) ?? throw GoogleApiFault.NotFound();
        return GmailMessageJson.Render(message, mailbox.LabelsOf(message), format, query["metadataHeaders"].OfType<string>().ToList());
    }

    private JsonObject Send(JsonObject body)
    {
        var (raw, threadId) = ReadMessage(body);
        var sent = mailbox.Send(raw, threadId);
        return MessageReference(sent);
    }

    private JsonObject CreateDraft(JsonObject body)
    {
        var (raw, threadId) = ReadMessage(body["message"] as JsonObject ?? throw RawRequired());
        var (draftId, message) = mailbox.CreateDraft(raw, threadId);
        return new JsonObject { ["id"] = draftId, ["message"] = MessageReference(message) };
    }

    private JsonObject ListDrafts(IQueryCollection query)
    {
        // drafts.list takes the same search syntax as messages.list (q), applied to the drafts' messages.
        var search = GmailSearchQuery.Parse(query["q"].ToString(), mailbox.ResolveLabel);
        var drafts = mailbox.ListDrafts().Where(d => search.Matches(d.Message)).ToList();
        var json = new JsonObject();
        if (drafts.Count > 0)
        {
            json["drafts"] = new JsonArray(drafts.Select(d => (JsonNode?)new JsonObject
            {
                ["id"] = d.DraftId,
                ["message"] = new JsonObject { ["id"] = d.Message.Id, ["threadId"] = d.Message.ThreadId },
            }).ToArray());
        }

        json["resultSizeEstimate"] = drafts.Count;
        return json;
    }

    private JsonObject Modify(string id, JsonObject body)
    {
        var add = StringArray(body, "addLabelIds");
        var remove = StringArray(body, "removeLabelIds");
        if (add.Count == 0 && remove.Count == 0)
        {
            throw GoogleApiFault.BadRequest("No label add or removes specified");
        }

        return MessageReference(mailbox.Modify(id, add, remove));
    }

    private JsonObject ListLabels() => new()
    {
        ["labels"] = new JsonArray(mailbox.Labels().Select(l => (JsonNode?)LabelJson(l)).ToArray()),
    };

    private JsonObject GetLabel(string id)
    {
        var (label, total, unread, threads, threadsUnread) = mailbox.LabelWithCounts(id);
        var json = LabelJson(label);
        json["messagesTotal"] = total;
        json["messagesUnread"] = unread;
        json["threadsTotal"] = threads;
        json["threadsUnread"] = threadsUnread;
        return json;
    }

    private static JsonObject LabelJson(FakeLabel label)
    {
        var json = new JsonObject { ["id"] = label.Id, ["name"] = label.Name };
        if (label.Type == "user")
        {
            json["messageListVisibility"] = "show";
            json["labelListVisibility"] = "labelShow";
        }

        json["type"] = label.Type;
        return json;
    }

    private JsonObject MessageReference(StoredMessage message) => new()
    {
        ["id"] = message.Id,
        ["threadId"] = message.ThreadId,
        ["labelIds"] = new JsonArray(mailbox.LabelsOf(message).Select(l => (JsonNode?)l).ToArray()),
    };

    private static (byte[] Raw, string? ThreadId) ReadMessage(JsonObject message)
    {
        if (message["raw"] is not JsonValue rawValue || !rawValue.TryGetValue<string>(out var raw) || raw.Length == 0)
        {
            throw RawRequired();
        }

        byte[] bytes;
        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(raw.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        }
        catch (FormatException)
        {
            throw GoogleApiFault.BadRequest("Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed");
        }

        var threadId = message["threadId"] is JsonValue t && t.TryGetValue<string>(out var thread) && thread.Length > 0 ? thread : null;
        return (bytes, threadId);
    }

    private static GoogleApiFault RawRequired() =>
        GoogleApiFault.BadRequest("'raw' RFC822 payload message string or uploading message via /upload/* URL required");

    private static List<string> StringArray(JsonObject body, string name) =>
        body[name] is JsonArray array ? array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() : [];

    private static async Task<JsonObject> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject
                ?? throw GoogleApiFault.BadRequest("Invalid JSON payload received. Expected an object.");
        }
        catch (JsonException)
        {
            throw GoogleApiFault.BadRequest("Invalid JSON payload received.");
        }
    }
}
