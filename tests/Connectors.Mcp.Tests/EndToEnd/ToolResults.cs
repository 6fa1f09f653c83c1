using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>Reading tool results as a client sees them on the wire.</summary>
public static class ToolResults
{
    /// <summary>tools/call with JSON arguments, bounded.</summary>
    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, string argumentsJson = "{}")
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(argumentsJson, McpJsonUtilities.DefaultOptions)!;
        using var timeout = new CancellationTokenSource(Bounded.Call);
        return await client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token).AsTask().WaitAsync(Bounded.Call);
    }

    /// <summary>tools/call with arguments built as JSON nodes, bounded.</summary>
    public static Task<CallToolResult> CallAsync(this McpClient client, string tool, JsonObject arguments) =>
        client.CallAsync(tool, arguments.ToJsonString());

    /// <summary>tools/list (all pages), bounded.</summary>
    public static async Task<IReadOnlyList<Tool>> ListToolsRawAsync(this McpClient client)
    {
        using var timeout = new CancellationTokenSource(Bounded.Call);
        var tools = await client.ListToolsAsync(cancellationToken: timeout.Token).AsTask().WaitAsync(Bounded.Call);
        return tools.Select(t => t.ProtocolTool).ToList();
    }

    /// <summary>The text blocks, joined.</summary>
    public static string Text(this CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    /// <summary>structuredContent as a JSON object (fails when absent).</summary>
    public static JsonObject Structured(this CallToolResult result)
    {
        Assert.True(result.StructuredContent is { ValueKind: JsonValueKind.Object }, $"no structuredContent object; text: {result.Text()}");
        return JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!.AsObject();
    }

    /// <summary>A successful result (isError absent or false), else fails with its text.</summary>
    public static CallToolResult AssertSuccess(this CallToolResult result)
    {
        Assert.True(result.IsError is null or false, $"tool result is an error: {result.Text()}");
        return result;
    }

    /// <summary>An error result carrying text only, else fails.</summary>
    public static string AssertError(this CallToolResult result)
    {
        Assert.True(result.IsError, $"expected isError, got: {result.Text()} {result.StructuredContent}");
        Assert.Null(result.StructuredContent);
        return result.Text();
    }
}
