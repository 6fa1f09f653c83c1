using System.Text.Json;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// The MCP edge: tools/list from the workspace's catalog, tools/call through the pipeline. Typed outcomes become tool
/// results here; an unknown tool becomes a protocol error (-32602), as the MCP specification asks.
/// </summary>
public sealed class McpToolHandlers(ToolCatalog catalog, ToolPipeline pipeline, SessionWorkspace sessionWorkspace, ToolListChangeNotifier notifier)
{
    private static readonly JsonElement EmptyArguments = JsonDocument.Parse("{}").RootElement.Clone();

    public async ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> context, CancellationToken cancellationToken)
    {
        var workspaceId = sessionWorkspace.Resolve(context);
        var current = await catalog.GetAsync(workspaceId, cancellationToken);
        notifier.Track(context.Server, workspaceId, current.Version);
        return new ListToolsResult { Tools = current.Tools.Select(ToProtocol).ToList() };
    }

    public async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var workspaceId = sessionWorkspace.Resolve(context);
        var parameters = context.Params ?? throw new McpProtocolException("tools/call needs params.", McpErrorCode.InvalidParams);
        var arguments = parameters.Arguments is null ? EmptyArguments : JsonSerializer.SerializeToElement(parameters.Arguments, McpJsonUtilities.DefaultOptions);
        var caller = context.Server.ClientInfo is { } info ? $"{info.Name} {info.Version}" : null;

        var outcome = await pipeline.CallAsync(new ToolCall(workspaceId, parameters.Name, arguments, caller, ElicitationPrompt.For(context.Server)), cancellationToken);
        if (outcome.IsUnknownTool)
        {
            throw new McpProtocolException(outcome.Text, McpErrorCode.InvalidParams);
        }

        return new CallToolResult
        {
            IsError = outcome.IsError,
            Content = [new TextContentBlock { Text = outcome.Text }],
            StructuredContent = outcome.IsError || outcome.StructuredContent is null
                ? null
                : JsonSerializer.SerializeToElement(outcome.StructuredContent, McpJsonUtilities.DefaultOptions),
        };
    }

    internal static Tool ToProtocol(CatalogTool tool) => new()
    {
        Name = tool.Name,
        Title = tool.Title,
        Description = tool.Description,
        InputSchema = tool.InputSchema,
        OutputSchema = tool.OutputSchema,
        Annotations = new ToolAnnotations
        {
            Title = tool.Title,
            ReadOnlyHint = tool.Annotations.ReadOnly,
            DestructiveHint = tool.Annotations.Destructive,
            IdempotentHint = tool.Annotations.Idempotent,
            OpenWorldHint = tool.Annotations.OpenWorld,
        },
    };
}
