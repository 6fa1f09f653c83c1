using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>
/// Writes Zoom's wire formats: the API's JSON and its error body <c>{"code":int,"message":string}</c> (with
/// <c>errors</c> for field validation), and the OAuth endpoints' <c>{"reason","error"}</c>.
/// </summary>
internal static class ZoomJson
{
    public static async Task WriteAsync(HttpContext context, JsonNode body, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>An API error: <c>{"code":…,"message":…}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int statusCode, int code, string message) =>
        WriteAsync(context, new JsonObject { ["code"] = code, ["message"] = message }, statusCode);

    /// <summary>400 code 300 <c>Validation Failed.</c> with one entry per invalid field, as Zoom lists them.</summary>
    public static Task ValidationAsync(HttpContext context, IReadOnlyList<ZoomFieldError> errors) =>
        WriteAsync(context, new JsonObject
        {
            ["code"] = 300,
            ["message"] = "Validation Failed.",
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["field"] = e.Field, ["message"] = e.Message }).ToArray()),
        }, StatusCodes.Status400BadRequest);

    /// <summary>An OAuth endpoint error: <c>{"reason":…,"error":…}</c>.</summary>
    public static Task OAuthErrorAsync(HttpContext context, int statusCode, string error, string reason) =>
        WriteAsync(context, new JsonObject { ["reason"] = reason, ["error"] = error }, statusCode);

    /// <summary>Waits <paramref name="delay"/> (real time) before answering; false when the client went away meanwhile.</summary>
    public static async Task<bool> DelayAsync(HttpContext context, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(delay, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>204 No Content: no body and no content type.</summary>
    public static Task NoContentAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
