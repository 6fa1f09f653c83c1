using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline.Idempotency;

namespace Connectors.Mcp.Core.Catalog;

/// <summary>Schemas the catalog publishes besides the connectors' own: meta tools and the pending-approval shape.</summary>
public static class ToolSchemas
{
    /// <summary>What a gated tool returns while a person has not decided yet.</summary>
    public static JsonElement PendingApproval { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "status": { "const": "pending_approval" },
            "approval_id": { "type": "string" },
            "expires_at": { "type": "string", "format": "date-time" }
          },
          "required": ["status", "approval_id", "expires_at"],
          "additionalProperties": false
        }
        """);

    public static JsonElement EmptyInput { get; } = Parse("""{ "type": "object", "properties": {}, "additionalProperties": false }""");

    public static JsonElement ListConnectorsOutput { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "workspace": { "type": "string" },
            "connectors": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "id": { "type": "string" },
                  "name": { "type": "string" },
                  "type": { "type": "string" },
                  "status": { "enum": ["active", "disabled", "error", "needs_reauth"], "description": "Whether its tools are published: active and needs_reauth ones are (needs_reauth tools answer with how to reconnect), disabled and error ones are not." },
                  "credential_state": { "enum": ["active", "refreshing", "needs_reauth", "revoked"], "description": "Where its OAuth grant stands: active (usable), refreshing (a token refresh is in flight), needs_reauth (the user must reconnect it), revoked (disconnected)." },
                  "last_sync_at": { "type": "string" },
                  "last_error": { "type": "string" },
                  "tools": { "type": "array", "items": { "type": "string" } }
                },
                "required": ["id", "name", "type", "status", "credential_state", "tools"]
              }
            }
          },
          "required": ["workspace", "connectors"]
        }
        """);

    public static JsonElement GetApprovalInput { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "approval_id": { "type": "string", "minLength": 1, "maxLength": 100, "description": "As returned by the gated tool." }
          },
          "required": ["approval_id"],
          "additionalProperties": false
        }
        """);

    public static JsonElement GetApprovalOutput { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "approval_id": { "type": "string" },
            "tool": { "type": "string" },
            "status": { "enum": ["pending", "approved", "succeeded", "failed", "denied", "expired"] },
            "summary": { "type": "string" },
            "created_at": { "type": "string" },
            "expires_at": { "type": "string" },
            "decided_at": { "type": "string" },
            "reason": { "type": "string" },
            "result": { "type": "object" },
            "error": { "type": "string" }
          },
          "required": ["approval_id", "tool", "status", "expires_at"]
        }
        """);

    /// <summary>search_tools' input: what the agent wants to do, and how many tools to return.</summary>
    public static JsonElement SearchToolsInput { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "minLength": 1, "maxLength": 500, "description": "The task, e.g. 'reply to Anna'." },
            "limit": { "type": "integer", "minimum": 1, "maximum": 10, "description": "Default 5." }
          },
          "required": ["query"],
          "additionalProperties": false
        }
        """);

    public static JsonElement SearchToolsOutput { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "tools": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": { "name": { "type": "string" }, "description": { "type": "string" }, "inputSchema": { "type": "object" } },
                "required": ["name", "description", "inputSchema"]
              }
            }
          },
          "required": ["tools"]
        }
        """);

    /// <summary>call_tool's input: a tool's name and its arguments, checked against that tool's own schema afterwards.</summary>
    public static JsonElement CallToolInput { get; } = Parse("""
        {
          "type": "object",
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 200, "description": "From search_tools." },
            "arguments": { "type": "object", "maxProperties": 100, "description": "Per its inputSchema." }
          },
          "required": ["name"],
          "additionalProperties": false
        }
        """);

    /// <summary>call_tool answers with the called tool's own result, whatever its shape: any object.</summary>
    public static JsonElement AnyObjectOutput { get; } = Parse("""{ "type": "object" }""");

    /// <summary>
    /// The declared output schema, widened so a pending-approval result validates too:
    /// <c>{"type": "object", "anyOf": [declared, pending]}</c>. The declared schema's <c>$defs</c> move to the root so its
    /// <c>#/$defs/…</c> references still resolve, and its <c>$schema</c> moves to the root, the only place 2020-12 allows it.
    /// </summary>
    public static JsonElement WithPendingApproval(JsonElement declared)
    {
        var branch = JsonNode.Parse(declared.GetRawText())!.AsObject();
        var union = new JsonObject { ["type"] = "object" };
        if (branch.Remove("$schema", out var dialect))
        {
            union["$schema"] = dialect;
        }

        if (branch.Remove("$defs", out var definitions))
        {
            union["$defs"] = definitions;
        }

        union["anyOf"] = new JsonArray(branch, JsonNode.Parse(PendingApproval.GetRawText()));
        return Parse(union.ToJsonString());
    }

    /// <summary>
    /// A write tool's input schema with the optional <c>idempotency_key</c> the pipeline handles for every write, so no
    /// connector declares it.
    /// </summary>
    public static JsonElement WithIdempotencyKey(JsonElement declared)
    {
        var schema = JsonNode.Parse(declared.GetRawText())!.AsObject();
        var properties = schema["properties"] as JsonObject ?? new JsonObject();
        properties[IdempotencyKeys.ArgumentName] = new JsonObject
        {
            ["type"] = "string",
            ["minLength"] = 1,
            ["maxLength"] = IdempotencyKeys.MaxLength,
            ["pattern"] = IdempotencyKeys.Pattern,
            ["description"] = "Repeats within 24 h run once; default key: the arguments.",
        };
        schema["properties"] = properties;
        return Parse(schema.ToJsonString());
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
