using System.Globalization;
using System.Text.Json.Nodes;
using MimeKit;

namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>
/// Renders a stored message as Gmail's <c>Message</c> JSON: <c>payload</c> is the MIME tree with decoded header
/// values, base64url <c>body.data</c> for inline parts and an <c>attachmentId</c> for attachments.
/// </summary>
internal static class GmailMessageJson
{
    public static JsonObject Render(StoredMessage message, IReadOnlyList<string> labelIds, string format, IReadOnlyList<string> metadataHeaders)
    {
        var json = new JsonObject
        {
            ["id"] = message.Id,
            ["threadId"] = message.ThreadId,
            ["labelIds"] = new JsonArray(labelIds.Select(l => (JsonNode?)l).ToArray()),
            ["snippet"] = MessageText.Snippet(message.Mime),
            ["historyId"] = (message.InternalDate.ToUnixTimeSeconds() % 1_000_000).ToString(CultureInfo.InvariantCulture),
            ["internalDate"] = message.InternalDate.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["sizeEstimate"] = message.Raw.Length,
        };

        switch (format)
        {
            case "minimal":
                break;
            case "raw":
                json["raw"] = System.Buffers.Text.Base64Url.EncodeToString(message.Raw);
                break;
            case "metadata":
                json["payload"] = new JsonObject
                {
                    ["partId"] = string.Empty,
                    ["mimeType"] = message.Mime.Body?.ContentType.MimeType.ToLowerInvariant() ?? "text/plain",
                    ["filename"] = string.Empty,
                    ["headers"] = Headers(RootHeaders(message.Mime), metadataHeaders),
                    ["body"] = new JsonObject { ["size"] = 0 },
                };
                break;
            default:
                json["payload"] = Part(message.Mime.Body, string.Empty, RootHeaders(message.Mime), message.Id);
                break;
        }

        return json;
    }

    private static IEnumerable<Header> RootHeaders(MimeMessage message) =>
        message.Body is null ? message.Headers : message.Headers.Concat(message.Body.Headers);

    private static JsonArray Headers(IEnumerable<Header> headers, IReadOnlyList<string>? only = null) =>
        new(headers
            .Where(h => only is null || only.Count == 0 || only.Contains(h.Field, StringComparer.OrdinalIgnoreCase))
            .Select(h => (JsonNode?)new JsonObject { ["name"] = h.Field, ["value"] = h.Value.Trim() })
            .ToArray());

    private static JsonObject Part(MimeEntity? entity, string partId, IEnumerable<Header> headers, string messageId)
    {
        var part = new JsonObject
        {
            ["partId"] = partId,
            ["mimeType"] = entity?.ContentType.MimeType.ToLowerInvariant() ?? "text/plain",
            ["filename"] = (entity as MimePart)?.FileName ?? string.Empty,
            ["headers"] = Headers(headers),
        };

        switch (entity)
        {
            case Multipart multipart:
                part["body"] = new JsonObject { ["size"] = 0 };
                var children = new JsonArray();
                for (var i = 0; i < multipart.Count; i++)
                {
                    var childId = partId.Length == 0 ? i.ToString(CultureInfo.InvariantCulture) : $"{partId}.{i}";
                    children.Add(Part(multipart[i], childId, multipart[i].Headers, messageId));
                }

                part["parts"] = children;
                break;
            case MimePart leaf:
                var content = Decoded(leaf);
                part["body"] = !string.IsNullOrEmpty(leaf.FileName) || leaf.IsAttachment
                    ? new JsonObject { ["attachmentId"] = $"ANGjdJ_{messageId}_{partId}", ["size"] = content.Length }
                    : new JsonObject { ["size"] = content.Length, ["data"] = System.Buffers.Text.Base64Url.EncodeToString(content) };
                break;
            case MessagePart embedded:
                using (var stream = new MemoryStream())
                {
                    embedded.Message?.WriteTo(stream);
                    part["body"] = new JsonObject { ["attachmentId"] = $"ANGjdJ_{messageId}_{partId}", ["size"] = stream.Length };
                }

                break;
            default:
                part["body"] = new JsonObject { ["size"] = 0 };
                break;
        }

        return part;
    }

    private static byte[] Decoded(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        return stream.ToArray();
    }
}
