using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Holds a <see cref="LargeRequestGate"/> slot while a POST with a large (or unknown-length) body is read and handled;
/// answers 503 with <c>Retry-After</c> when no slot frees up in time. Runs after authorization, so only authenticated
/// requests wait for (and take) a slot.
/// </summary>
public sealed class LargeRequestGateMiddleware(RequestDelegate next, LargeRequestGate gate)
{
    private const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method)
            || !LargeRequestGate.IsLarge(context.Request.ContentLength))
        {
            await next(context);
            return;
        }

        using var slot = await gate.EnterAsync(context.RequestAborted);
        if (slot is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0",
                id = (object?)null,
                error = new { code = -32000, message = $"Server busy: {LargeRequestGate.MaxConcurrent} large requests (over {LargeRequestGate.LargeBodyBytes / 1024} KiB) are being handled; retry after {RetryAfterSeconds} s." },
            }), context.RequestAborted);
            return;
        }

        await next(context);
    }
}
