using System.Runtime.ExceptionServices;
using System.Text.Json;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// The MCP edge: tools/list from the workspace's catalog (the tools the session's scope allows, as its tool mode lists
/// them: <see cref="ToolVisibility"/>), tools/call through
/// the pipeline (which refuses a tool outside the scope like an unknown one). Typed outcomes become tool
/// results here; an unknown tool becomes a protocol error (-32602), as the MCP specification asks.
/// </summary>
/// <remarks>
/// A tools/call runs through the pipeline in <see cref="CallFilter"/>, an incoming message filter, not in the SDK's
/// tools/call handler: the SDK logs every exception a handler throws as a failure with its stack trace (twice, with the
/// full tool name), and an exception is its only way to answer a JSON-RPC error. A refusal thrown from a message
/// filter is answered without being logged, so the expected refusal of an unknown tool is logged here, once, one line,
/// the name shortened. <see cref="CallToolAsync"/> only turns the filter's outcome into the tool result — or rethrows
/// the pipeline's unexpected exception, so a bug is logged by the SDK with its stack trace and answered as before.
/// </remarks>
public sealed class McpToolHandlers(ToolCatalog catalog, ToolPipeline pipeline, SessionWorkspace sessionWorkspace, ToolListChangeNotifier notifier, ILogger<McpToolHandlers> logger)
{
    /// <summary>How much of an unknown tool's name the log line keeps.</summary>
    public const int MaxLoggedToolNameLength = 80;

    private const string OutcomeKey = "connectors-mcp/tool-outcome";
    private static readonly JsonElement EmptyArguments = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// Runs each tools/call through the pipeline and keeps its outcome for <see cref="CallToolAsync"/>; an unknown tool
    /// is answered -32602 here. Registered after <see cref="ToolCallParamsGuard.Filter"/>, which has read the params.
    /// </summary>
    public static McpMessageFilter CallFilter { get; } = next => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall } request)
        {
            var parameters = ToolCallParamsGuard.ReadParams(context, request)
                ?? throw new McpProtocolException("tools/call needs params.", McpErrorCode.InvalidParams);
            var handlers = context.Services!.GetRequiredService<McpToolHandlers>();
            try
            {
                context.Items[OutcomeKey] = await handlers.RunAsync(context, parameters, cancellationToken);
            }
            catch (Exception ex) when (ex is not McpException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // A bug: the handler rethrows it, where the SDK logs it and answers a tool error (a filter's exception
                // would be answered -32603 and logged nowhere).
                context.Items[OutcomeKey] = ExceptionDispatchInfo.Capture(ex);
            }
        }

        await next(context, cancellationToken);
    };

    public async ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> context, CancellationToken cancellationToken)
    {
        var (workspaceId, scope) = sessionWorkspace.Resolve(context);
        var current = await catalog.GetAsync(workspaceId, cancellationToken);
        // Only a session can be sent tools/list_changed later; a request served without one (a 2026-07-28 client, or
        // --stateless) has no channel after its response, and tracking its per-request server would only pile up.
        if (HasSession(context.Server))
        {
            notifier.Track(context.Server, workspaceId, current.Version);
        }

        var mode = scope.ModeIn(current.Workspace);
        return new ListToolsResult { Tools = current.Tools.Where(t => ToolVisibility.IsListed(t, scope, mode)).Select(ToProtocol).ToList() };
    }

    /// <summary>The tool result of the outcome <see cref="CallFilter"/> produced for this request.</summary>
    public ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        context.Items.TryGetValue(OutcomeKey, out var value);
        if (value is ExceptionDispatchInfo failure)
        {
            failure.Throw();
        }

        if (value is not ToolOutcome outcome)
        {
            throw new InvalidOperationException($"tools/call reached its handler without a pipeline outcome: register {nameof(McpToolHandlers)}.{nameof(CallFilter)} as an incoming message filter.");
        }

        if (outcome.AskClient is { } approval)
        {
            // Thrown from the handler, where the SDK turns it into the input-required result of this tools/call.
            throw ApprovalInputRequest.Ask(approval);
        }

        return ValueTask.FromResult(new CallToolResult
        {
            IsError = outcome.IsError,
            Content = [new TextContentBlock { Text = outcome.Text }],
            StructuredContent = outcome.IsError || outcome.StructuredContent is null
                ? null
                : JsonSerializer.SerializeToElement(outcome.StructuredContent, McpJsonUtilities.DefaultOptions),
        });
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

    private async Task<ToolOutcome> RunAsync(MessageContext context, CallToolRequestParams parameters, CancellationToken cancellationToken)
    {
        var (workspaceId, scope) = sessionWorkspace.Resolve(context);
        var arguments = parameters.Arguments is null ? EmptyArguments : JsonSerializer.SerializeToElement(parameters.Arguments, McpJsonUtilities.DefaultOptions);
        var caller = context.Server.ClientInfo is { } info ? $"{info.Name} {info.Version}" : null;

        var call = new ToolCall(workspaceId, parameters.Name, arguments, caller, ElicitationPrompt.For(context.Server), scope)
        {
            Input = ApprovalInputRequest.For(context, parameters),
        };
        var outcome = await pipeline.CallAsync(call, cancellationToken);
        if (outcome.IsUnknownTool)
        {
            logger.LogInformation("tools/call refused with -32602: unknown tool '{ToolName}' ({Length} characters) in workspace {WorkspaceId}.",
                Shorten(parameters.Name), parameters.Name.Length, workspaceId);
            throw new McpProtocolException(outcome.Text, McpErrorCode.InvalidParams);
        }

        return outcome;
    }

    /// <summary>
    /// Whether the request belongs to a session (stdio, or an HTTP initialize session). The SDK reports no client
    /// capabilities on a request served without one: that is its documented sign of a stateless request.
    /// </summary>
    internal static bool HasSession(McpServer server) => server.ClientCapabilities is not null;

    private static string Shorten(string name) =>
        (name.Length <= MaxLoggedToolNameLength ? name : name[..MaxLoggedToolNameLength] + "…").ReplaceLineEndings(" ");
}
