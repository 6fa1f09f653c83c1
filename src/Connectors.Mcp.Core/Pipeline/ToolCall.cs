using System.Text.Json;
using Connectors.Mcp.Core.Pipeline.Approval;

namespace Connectors.Mcp.Core.Pipeline;

/// <summary>A tools/call as the pipeline sees it: bound to the session's workspace, never to one the caller names.</summary>
public sealed record ToolCall(
    string WorkspaceId,
    string ToolName,
    JsonElement Arguments,
    string? Caller,
    IApprovalPrompt? Prompt);
