using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Json;

namespace Connectors.Mcp.Core.Pipeline.Audit;

/// <summary>
/// What of a call's arguments the audit log keeps: everything but content. A content argument (message body, subject,
/// description) becomes <c>{"redacted": true, "length": n, "sha256": "…"}</c>, so the row proves what was sent without
/// holding it.
/// </summary>
public static class AuditRedactor
{
    public static string Redact(JsonObject arguments, IReadOnlyCollection<string> contentArguments)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in arguments)
        {
            copy[key] = contentArguments.Contains(key) && value is not null ? Fingerprint(value) : value?.DeepClone();
        }

        return CanonicalJson.Serialize(copy);
    }

    private static JsonObject Fingerprint(JsonNode value)
    {
        var text = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : CanonicalJson.Serialize(value);
        return new JsonObject
        {
            ["redacted"] = true,
            ["length"] = text.Length,
            ["sha256"] = CanonicalJson.Sha256Hex(text),
        };
    }
}
