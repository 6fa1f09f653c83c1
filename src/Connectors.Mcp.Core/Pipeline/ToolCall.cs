using System.Text.Json;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Approval;

namespace Connectors.Mcp.Core.Pipeline;

/// <summary>
/// A tools/call as the pipeline sees it: bound to the session's workspace, never to one the caller names, and to the
/// credential's <see cref="Scope"/> (required: there is no default that would open every tool).
/// </summary>
public sealed record ToolCall(
    string WorkspaceId,
    string ToolName,
    JsonElement Arguments,
    string? Caller,
    IApprovalPrompt? Prompt,
    ToolScope Scope)
{
    /// <summary>
    /// Whether this is the tool a <c>call_tool</c> named, unwrapped from it: then an unknown tool is a tool error (the
    /// client called a tool that exists, call_tool), not a protocol error.
    /// </summary>
    public bool ViaCallTool { get; init; }

    /// <summary>Whether the client can be asked through an input request (MRTR), and its answer on a retry.</summary>
    public ApprovalInput? Input { get; init; }
}
