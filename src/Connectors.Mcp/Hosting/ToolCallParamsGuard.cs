using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// An incoming message filter that answers a <c>tools/call</c> whose params cannot be read — params not an object,
/// a name that is not a string, arguments that are not an object, text with a lone UTF-16 surrogate escape — with
/// JSON-RPC <c>-32602</c> (invalid params) and a reason, instead of the SDK's generic <c>-32603</c> internal error.
/// Those calls never reach the pipeline (no tool to audit them against), and are not logged (the client's mistake,
/// told to the client). The params it read are kept for <see cref="McpToolHandlers.CallFilter"/>.
/// </summary>
public static class ToolCallParamsGuard
{
    private const string ParamsKey = "connectors-mcp/tool-call-params";

    public static McpMessageFilter Filter { get; } = next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall } request)
        {
            if (Problem(request.Params, out var read) is { } problem)
            {
                throw new McpProtocolException($"Invalid tools/call params: {problem}.", McpErrorCode.InvalidParams);
            }

            context.Items[ParamsKey] = read;
        }

        await next(context, cancellationToken);
    };

    /// <summary>The params <see cref="Filter"/> read for this request (read again if it did not run).</summary>
    public static CallToolRequestParams? ReadParams(MessageContext context, JsonRpcRequest request) =>
        context.Items.TryGetValue(ParamsKey, out var value) && value is CallToolRequestParams kept ? kept
        : Problem(request.Params, out var read) is null ? read
        : null;

    /// <summary>Why <paramref name="parameters"/> cannot be read as tools/call params; <c>null</c> when they can.</summary>
    public static string? Problem(JsonNode? parameters) => Problem(parameters, out _);

    private static string? Problem(JsonNode? parameters, out CallToolRequestParams? read)
    {
        read = null;
        if (parameters is not JsonObject body)
        {
            return "params must be an object with 'name' and 'arguments'";
        }

        if (body["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String)
        {
            return "'name' must be a string";
        }

        if (body["arguments"] is { } arguments && arguments.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return "'arguments' must be an object";
        }

        try
        {
            // Exactly the SDK's own reading of the params: whatever it cannot read is refused here, with its reason.
            read = JsonSerializer.Deserialize<CallToolRequestParams>(body, McpJsonUtilities.DefaultOptions);
            return read is null ? "params must be an object with 'name' and 'arguments'" : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return ex.Message.Split('.')[0].ReplaceLineEndings(" ");
        }
    }
}
