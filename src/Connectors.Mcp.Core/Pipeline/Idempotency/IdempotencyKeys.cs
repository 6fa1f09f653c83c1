using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Json;

namespace Connectors.Mcp.Core.Pipeline.Idempotency;

/// <summary>
/// The <c>idempotency_key</c> argument every write tool publishes: taken out of the arguments before the connector sees
/// them, or — when the agent gives none — derived from the call: SHA-256 of workspace, tool and canonical arguments. So an
/// identical call within the record's lifetime (24 h) is the same call and is answered with the first outcome.
/// </summary>
public static class IdempotencyKeys
{
    public const string ArgumentName = "idempotency_key";

    public const int MaxLength = 128;

    /// <summary>Letters, digits and <c>. _ : -</c>, starting with a letter or digit (UUIDs, ULIDs, hex hashes all fit); <c>(?![\s\S])</c> rather than <c>$</c>, which would admit a trailing newline.</summary>
    public const string Pattern = @"^[A-Za-z0-9][A-Za-z0-9._:-]*(?![\s\S])";

    /// <summary>The arguments without the key (a copy), and the key the agent gave, if any (already schema-validated).</summary>
    public static (JsonObject Arguments, string? Key) Extract(JsonObject arguments)
    {
        var copy = (JsonObject)arguments.DeepClone();
        return copy.Remove(ArgumentName, out var key) && key is not null ? (copy, key.GetValue<string>()) : (copy, null);
    }

    /// <summary>The key of a call that names none: hex SHA-256 of workspace, tool and canonical arguments.</summary>
    public static string Derive(string workspaceId, string tool, JsonObject arguments) =>
        CanonicalJson.Sha256Hex($"idempotency/v1\n{workspaceId}\n{tool}\n{CanonicalJson.Serialize(arguments)}");

    /// <summary>What the key stands for: tool and canonical arguments. A key reused with another fingerprint is refused.</summary>
    public static string Fingerprint(string tool, JsonObject arguments) =>
        CanonicalJson.Sha256Hex($"{tool}\n{CanonicalJson.Serialize(arguments)}");

    /// <summary>The arguments with the key bound in: what an approval stores and the audit row shows.</summary>
    public static JsonObject Bind(JsonObject arguments, string key)
    {
        var bound = (JsonObject)arguments.DeepClone();
        bound[ArgumentName] = key;
        return bound;
    }
}
