using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>Writes JSON as Graph does, including its error body <c>{"error":{"code","message","innerError"}}</c>.</summary>
internal static class GraphJson
{
    public static async Task WriteAsync(HttpContext context, JsonNode body, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int statusCode, string code, string message, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString(), ["date"] = "2025-01-01T00:00:00" },
            },
        }, statusCode);
    }

    /// <summary>
    /// Answers an injected fault: no answer at all (dropped connection), or Graph's error body with <c>Retry-After</c> in
    /// seconds or as an HTTP date.
    /// </summary>
    public static Task FaultAsync(HttpContext context, FakeGraphFault fault)
    {
        if (fault.DropConnection)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        if (fault.RetryAt is { } at)
        {
            context.Response.Headers.RetryAfter = at.ToString("r", CultureInfo.InvariantCulture);
        }

        return ErrorAsync(context, fault.StatusCode, CodeFor(fault.StatusCode), fault.AfterApplying ? "Injected failure after the request was applied." : "Injected failure.", fault.RetryAfter);
    }

    /// <summary>Graph's error code for a status the fault injector answers.</summary>
    public static string CodeFor(int statusCode) => statusCode switch
    {
        429 => "TooManyRequests",
        503 => "ServiceNotAvailable",
        404 => "ErrorItemNotFound",
        403 => "ErrorAccessDenied",
        401 => "InvalidAuthenticationToken",
        _ => "generalException",
    };
}
