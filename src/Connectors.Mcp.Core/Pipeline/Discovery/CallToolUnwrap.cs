using System.Text.Json;

namespace Connectors.Mcp.Core.Pipeline.Discovery;

/// <summary>
/// call_tool's arguments (already valid against its input schema) as the call they name: the named tool with its own
/// arguments (<c>{}</c> when omitted), same workspace, caller, prompt and scope. The unwrapped call then goes through the
/// pipeline from the resolve step, like a direct call: its own schema, rate limit, approval and audit row.
/// </summary>
public static class CallToolUnwrap
{
    private static readonly JsonElement EmptyArguments = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// The named call when call_tool's arguments at least name a tool (a string <c>name</c>, an object or no
    /// <c>arguments</c>), before they are validated: what a call refused before validation is audited under.
    /// </summary>
    public static ToolCall? TryInner(ToolCall outer)
    {
        ArgumentNullException.ThrowIfNull(outer);
        return outer.Arguments.ValueKind == JsonValueKind.Object
            && outer.Arguments.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            && (!outer.Arguments.TryGetProperty("arguments", out var arguments) || arguments.ValueKind == JsonValueKind.Object)
                ? Inner(outer)
                : null;
    }

    /// <param name="outer">A call_tool call whose arguments are valid against its input schema.</param>
    public static ToolCall Inner(ToolCall outer)
    {
        ArgumentNullException.ThrowIfNull(outer);
        var name = outer.Arguments.GetProperty("name").GetString()!;
        var arguments = outer.Arguments.TryGetProperty("arguments", out var given) ? given : EmptyArguments;
        return outer with { ToolName = name, Arguments = arguments, ViaCallTool = true };
    }
}
