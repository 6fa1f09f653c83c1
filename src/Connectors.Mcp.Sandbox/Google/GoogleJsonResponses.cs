using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Writes JSON the way Google's APIs do, including their error body shape.</summary>
internal static class GoogleJsonResponses
{
    // Google writes UTF-8 text as is (no \uXXXX for ' or non-ASCII characters).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, JsonNode body, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(Indented), context.RequestAborted);
    }

    /// <summary><c>{"error":{"code":…,"message":…,"errors":[{"message":…,"domain":…,"reason":…}],"status":…}}</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, int code, string? message = null, string? reason = null)
    {
        var (status, defaultReason, defaultMessage) = Defaults(code);
        var text = message ?? defaultMessage;
        var error = new JsonObject
        {
            ["code"] = code,
            ["message"] = text,
            ["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = text,
                ["domain"] = (reason ?? defaultReason) is "dailyLimitExceeded" or "userRateLimitExceeded" ? "usageLimits" : "global",
                ["reason"] = reason ?? defaultReason,
            }),
            ["status"] = status,
        };
        return WriteAsync(context, new JsonObject { ["error"] = error }, code);
    }

    private static (string Status, string Reason, string Message) Defaults(int code) => code switch
    {
        400 => ("INVALID_ARGUMENT", "invalidArgument", "Invalid argument."),
        401 => ("UNAUTHENTICATED", "authError",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."),
        403 => ("PERMISSION_DENIED", "forbidden", "The caller does not have permission"),
        404 => ("NOT_FOUND", "notFound", "Requested entity was not found."),
        429 => ("RESOURCE_EXHAUSTED", "rateLimitExceeded", "Too many concurrent requests for user."),
        500 => ("INTERNAL", "backendError", "Internal error encountered."),
        503 => ("UNAVAILABLE", "backendError", "The service is currently unavailable."),
        _ => ("UNKNOWN", "unknown", $"HTTP {code}"),
    };
}
