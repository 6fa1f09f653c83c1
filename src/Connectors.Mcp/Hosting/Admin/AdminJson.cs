using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Json;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>Reading request bodies and writing responses of the admin API: snake_case JSON, never cached.</summary>
public static class AdminJson
{
    /// <summary>Writes <c>{"error":{"code","message"}}</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"connectors-mcp-admin\"";
        }

        return WriteAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    public static Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(JsonText.Write(body), context.RequestAborted);
    }

    public static Task OkAsync(HttpContext context, JsonNode body) => WriteAsync(context, StatusCodes.Status200OK, body);

    /// <summary>The request's JSON object body; an empty body reads as <c>{}</c>.</summary>
    /// <exception cref="AdminApiException">400 when the body is not a JSON object.</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw AdminApiException.Invalid("The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw AdminApiException.Invalid("The request body is not valid JSON; send a JSON object with Content-Type: application/json.");
        }
    }

    /// <summary>An optional string field; 400 naming the field when it is present but not a string.</summary>
    public static string? OptionalString(JsonObject body, string field)
    {
        var node = body[field];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw AdminApiException.Invalid($"'{field}' must be a string.");
    }

    public static string RequiredString(JsonObject body, string field) =>
        OptionalString(body, field) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw AdminApiException.Invalid($"'{field}' is required (a non-empty string).");

    public static JsonNode? Time(DateTimeOffset? value) => value is { } v ? JsonText.Timestamp(v) : null;
}
