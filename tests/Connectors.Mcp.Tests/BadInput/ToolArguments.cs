namespace Connectors.Mcp.Tests.BadInput;

/// <summary>A generated tools/call: a tool name and the JSON text of its arguments (shown shortened when a property fails).</summary>
public sealed record ToolArguments(string Tool, string Json)
{
    public override string ToString() => $"{Tool} {(Json.Length <= 300 ? Json : Json[..300] + $"… ({Json.Length} chars)")}";
}
