using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>
/// Graph v1.0 mail writes under <c>/v1.0/me/</c>, as Graph answers them: <c>POST messages</c> (201, a draft in Drafts),
/// <c>PATCH messages/{id}</c> (200; <c>internetMessageId</c> only while a draft), <c>POST messages/{id}/send</c> (202, no
/// body; the draft becomes a sent message in Sent Items; 400 ErrorInvalidRecipients without recipients or with one that does not resolve (the <c>.invalid</c> domain)),
/// <c>POST messages/{id}/createReply</c> / <c>createReplyAll</c> (201, a draft addressed from the original, same
/// conversation, <c>comment</c> above the quoted original) and <c>POST messages/{id}/move</c> (201, the message with a
/// NEW id). Unknown ids get 404 ErrorItemNotFound. A fault <see cref="FakeGraphFault.AfterApplying"/> fails the answer
/// after the write took effect.
/// </summary>
internal sealed partial class GraphMailWriteEndpoints(OutlookMailbox mailbox, TimeProvider time, string owner)
{
    private const string DraftsFolder = "drafts";
    private const string SentItemsFolder = "sentitems";

    /// <summary>The write endpoint a request names, or <c>null</c> when it is not one.</summary>
    public static string? EndpointFor(string method, string[] segments) => (method, segments) switch
    {
        ("POST", ["messages"]) => FakeMicrosoftEndpoints.CreateMessage,
        ("PATCH", ["messages", _]) => FakeMicrosoftEndpoints.UpdateMessage,
        ("POST", ["messages", _, "send"]) => FakeMicrosoftEndpoints.SendMessage,
        ("POST", ["messages", _, "createReply" or "createReplyAll"]) => FakeMicrosoftEndpoints.CreateReply,
        ("POST", ["messages", _, "move"]) => FakeMicrosoftEndpoints.MoveMessage,
        _ => null,
    };

    public async Task HandleAsync(HttpContext context, string[] segments, FakeGraphFault? fault)
    {
        JsonObject body;
        try
        {
            // Graph reads property and action-parameter names case-insensitively (the SDK sends "Comment", "DestinationId").
            body = await JsonNode.ParseAsync(context.Request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, cancellationToken: context.RequestAborted) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            body = [];
        }

        var (status, answer) = segments switch
        {
            ["messages"] => Create(body),
            ["messages", var id] => Update(Uri.UnescapeDataString(id), body),
            ["messages", var id, "send"] => Send(Uri.UnescapeDataString(id)),
            ["messages", var id, var verb and ("createReply" or "createReplyAll")] => CreateReply(Uri.UnescapeDataString(id), verb == "createReplyAll", body),
            ["messages", var id, "move"] => Move(Uri.UnescapeDataString(id), body),
            _ => Error(400, "BadRequest", "Unsupported write."),
        };
        if (fault is not null && status < 300)
        {
            await GraphJson.FaultAsync(context, fault);
            return;
        }

        if (answer is null)
        {
            context.Response.StatusCode = status;
            return;
        }

        await GraphJson.WriteAsync(context, answer, status);
    }

    private (int, JsonNode?) Create(JsonObject body)
    {
        if (Folder(DraftsFolder) is not { } drafts)
        {
            return NotFound();
        }

        if (body["internetMessageId"] is JsonValue v && !ValidMessageId(v.ToString()))
        {
            return Error(400, "ErrorInvalidInternetMessageHeader", "The internet message id is not in a valid format.");
        }

        var message = Apply(NewMessage(drafts.Id, $"conv-{Guid.NewGuid():N}", "", [], ""), body);
        mailbox.Add(message);
        return (201, GraphMailEndpoints.Json(message, text: false));
    }

    private (int, JsonNode?) Update(string id, JsonObject body)
    {
        if (mailbox.Find(id) is not { } message)
        {
            return NotFound();
        }

        if (body.ContainsKey("internetMessageId") && (!message.IsDraft || !ValidMessageId(body["internetMessageId"]?.ToString() ?? "")))
        {
            return Error(400, "ErrorInvalidPropertyUpdateSentMessage", "Update operation is invalid for property of a sent message.");
        }

        var updated = Apply(message, body);
        mailbox.Replace(id, updated);
        return (200, GraphMailEndpoints.Json(updated, text: false));
    }

    private (int, JsonNode?) Send(string id)
    {
        if (mailbox.Find(id) is not { } message || Folder(SentItemsFolder) is not { } sent)
        {
            return NotFound();
        }

        if (!message.IsDraft)
        {
            return Error(400, "ErrorInvalidOperation", "Only a draft message can be sent.");
        }

        var recipients = message.To.Concat(message.Cc).Concat(message.Bcc).ToList();
        var bad = recipients.Count == 0 ? "" : recipients.FirstOrDefault(r => !Deliverable(r));
        if (bad is not null)
        {
            return Error(400, "ErrorInvalidRecipients", $"At least one recipient is not valid., Recipient '{bad}' is not resolved. All recipients must be resolved before a message can be submitted.");
        }

        // Graph sends asynchronously and keeps the sent copy in Sent Items under a new id; the fake does it at once.
        mailbox.Replace(id, message with { Id = NewId(), FolderId = sent.Id, IsDraft = false, IsRead = true, Received = time.GetUtcNow() });
        return (202, null);
    }

    private (int, JsonNode?) CreateReply(string id, bool all, JsonObject body)
    {
        if (mailbox.Find(id) is not { } original || Folder(DraftsFolder) is not { } drafts)
        {
            return NotFound();
        }

        var comment = body["comment"]?.ToString() ?? "";
        var to = new List<string> { original.FromAddress };
        var cc = new List<string>();
        if (all)
        {
            to.AddRange(original.To.Where(a => !string.Equals(a, owner, StringComparison.OrdinalIgnoreCase)));
            cc.AddRange(original.Cc.Where(a => !string.Equals(a, owner, StringComparison.OrdinalIgnoreCase)));
        }

        var subject = original.Subject.StartsWith("RE:", StringComparison.OrdinalIgnoreCase) ? original.Subject : "RE: " + original.Subject;
        var quoted = $"{comment}\n\n________________________________\nFrom: {original.FromName}\nSubject: {original.Subject}\n\n{original.TextBody}";
        var draft = NewMessage(drafts.Id, original.ConversationId, subject, to.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), quoted) with { Cc = cc };
        if (body["message"] is JsonObject message)
        {
            draft = Apply(draft, message);
        }

        mailbox.Add(draft);
        return (201, GraphMailEndpoints.Json(draft, text: false));
    }

    private (int, JsonNode?) Move(string id, JsonObject body)
    {
        if (mailbox.Find(id) is not { } message)
        {
            return NotFound();
        }

        if (mailbox.FindFolder(body["destinationId"]?.ToString() ?? "") is not { } folder)
        {
            return Error(404, "ErrorItemNotFound", "The specified folder could not be found in the store.");
        }

        // Exchange gives a moved item a new id.
        var moved = message with { Id = NewId(), FolderId = folder.Id };
        mailbox.Replace(id, moved);
        return (201, GraphMailEndpoints.Json(moved, text: false));
    }

    private FakeOutlookMessage NewMessage(string folderId, string conversationId, string subject, IReadOnlyList<string> to, string text) =>
        new(NewId(), folderId, conversationId, "Demo User", owner, to, subject, text, time.GetUtcNow(), true) { IsDraft = true };

    /// <summary>The writable properties of a Graph message body onto <paramref name="message"/>.</summary>
    private static FakeOutlookMessage Apply(FakeOutlookMessage message, JsonObject body)
    {
        if (body["subject"] is JsonValue subject)
        {
            message = message with { Subject = subject.ToString() };
        }

        if (body["body"] is JsonObject { } content)
        {
            var text = content["content"]?.ToString() ?? "";
            message = string.Equals(content["contentType"]?.ToString(), "html", StringComparison.OrdinalIgnoreCase)
                ? message with { Html = text, TextBody = TagPattern().Replace(text, " ").Trim() }
                : message with { Html = null, TextBody = text };
        }

        if (body["toRecipients"] is JsonArray to)
        {
            message = message with { To = Addresses(to) };
        }

        if (body["ccRecipients"] is JsonArray cc)
        {
            message = message with { Cc = Addresses(cc) };
        }

        if (body["bccRecipients"] is JsonArray bcc)
        {
            message = message with { Bcc = Addresses(bcc) };
        }

        if (body["internetMessageId"] is JsonValue messageId)
        {
            message = message with { InternetMessageId = messageId.ToString() };
        }

        return message;
    }

    private static List<string> Addresses(JsonArray recipients) =>
        recipients.Select(r => r?["emailAddress"]?["address"]?.ToString() ?? "").ToList();

    private FakeOutlookFolder? Folder(string wellKnownName) => mailbox.FindFolder(wellKnownName);

    /// <summary>A well-formed address outside the reserved <c>.invalid</c> top-level domain (RFC 2606), which never resolves.</summary>
    private static bool Deliverable(string address) =>
        AddressPattern().IsMatch(address) && !address.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);

    private static bool ValidMessageId(string value) => MessageIdPattern().IsMatch(value);

    private static string NewId() => "AAMkAGI2-" + Guid.NewGuid().ToString("N");

    private static (int, JsonNode?) NotFound() => Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static (int, JsonNode?) Error(int status, string code, string message) => (status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString(), ["date"] = "2025-01-01T00:00:00" },
        },
    });

    [GeneratedRegex(@"\A<[^<>\s@]+@[^<>\s@]+>\z")]
    private static partial Regex MessageIdPattern();

    [GeneratedRegex(@"\A[^\s@]+@[^\s@]+\.[^\s@]+\z")]
    private static partial Regex AddressPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();
}
