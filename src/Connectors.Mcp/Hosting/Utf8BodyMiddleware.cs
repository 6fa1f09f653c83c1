using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Refuses a JSON-RPC POST whose body is not valid UTF-8 (RFC 8259 requires it) with 400 and a JSON-RPC parse error
/// (-32700). Without this check the body would be decoded leniently — invalid bytes silently become U+FFFD — and a
/// corrupted argument could be acted on. Runs after the guard, so only authenticated requests are buffered; the body
/// is at most <see cref="ServeHost.MaxRequestBodyBytes"/> (Kestrel answers 413 beyond that while it is read).
/// </summary>
public sealed class Utf8BodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > ServeHost.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0",
                id = (object?)null,
                error = new { code = -32700, message = "Parse error: the request body is not valid UTF-8." },
            }));
            return;
        }

        context.Request.Body.Position = 0;
        await next(context);
    }
}
