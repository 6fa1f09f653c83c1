using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// Answers 415 with a JSON-RPC error to a POST without a JSON <c>Content-Type</c> on an endpoint marked
/// <see cref="JsonContentTypeRequired"/> (the MCP endpoints: <c>/mcp</c>, <c>/mcp/message</c>), instead of letting the
/// transport fail on it (it answered 500).
/// </summary>
public sealed class JsonContentTypeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<JsonContentTypeRequired>() is null
            || context.Request.HasJsonContentType())
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        context.Response.ContentType = "application/json";
        var declared = context.Request.ContentType is { Length: > 0 } type ? $"'{(type.Length <= 100 ? type : type[..100] + "…")}'" : "none";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0",
            id = (object?)null,
            error = new { code = -32600, message = $"Unsupported Media Type: send the JSON-RPC message with Content-Type: application/json (got {declared})." },
        }), context.RequestAborted);
    }
}
