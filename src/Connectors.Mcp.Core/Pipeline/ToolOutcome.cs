using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline;

/// <summary>
/// What a tool call produced, transport-neutral. Success carries <see cref="StructuredContent"/> matching the tool's
/// output schema plus readable <see cref="Text"/>; an error carries text only.
/// </summary>
public sealed record ToolOutcome(bool IsError, string Text, JsonObject? StructuredContent)
{
    /// <summary>The tool does not exist in the session's workspace (a protocol error, not a tool result).</summary>
    public bool IsUnknownTool { get; init; }

    /// <summary>
    /// The call needs the person at the client to answer about this pending approval (an input request, MRTR): the
    /// host answers with the question, and the client retries the call with the answer.
    /// </summary>
    public ApprovalRecord? AskClient { get; init; }

    public static ToolOutcome Error(string text) => new(true, text, null);

    public static ToolOutcome Asking(ApprovalRecord approval, string text) => new(false, text, null) { AskClient = approval };

    public static ToolOutcome UnknownTool(string text) => new(true, text, null) { IsUnknownTool = true };
}
