using System.Collections.Concurrent;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Pipeline.Validation;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Core.Catalog;

/// <summary>
/// The tools of each workspace, cached per workspace and rebuilt only when the workspace's catalog version moves
/// (a connector, policy, approval rule or workspace setting changed, in this process or another). Schemas are compiled
/// once per action per process.
/// </summary>
public sealed partial class ToolCatalog
{
    private readonly IWorkspaceStore _workspaces;
    private readonly IConnectorStore _connectors;
    private readonly IPolicyStore _policies;
    private readonly IApprovalRuleStore _rules;
    private readonly ConnectorRegistry _registry;
    private readonly ILogger<ToolCatalog> _logger;
    private readonly ConcurrentDictionary<string, WorkspaceCatalog> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ArgumentValidator> _validators = new(StringComparer.Ordinal);

    public ToolCatalog(IWorkspaceStore workspaces, IConnectorStore connectors, IPolicyStore policies, IApprovalRuleStore rules, ConnectorRegistry registry, ILogger<ToolCatalog> logger)
    {
        _workspaces = workspaces;
        _connectors = connectors;
        _policies = policies;
        _rules = rules;
        _registry = registry;
        _logger = logger;
    }

    /// <summary>The workspace's current catalog: one version query when nothing changed.</summary>
    /// <exception cref="EntityNotFoundException">The workspace does not exist (any more).</exception>
    public async Task<WorkspaceCatalog> GetAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var version = await _workspaces.GetCatalogVersionAsync(workspaceId, cancellationToken);
        if (_cache.TryGetValue(workspaceId, out var cached) && cached.Version == version)
        {
            return cached;
        }

        var built = await BuildAsync(workspaceId, version, cancellationToken);
        _cache[workspaceId] = built;
        return built;
    }

    private async Task<WorkspaceCatalog> BuildAsync(string workspaceId, long version, CancellationToken cancellationToken)
    {
        var workspace = await _workspaces.FindByIdAsync(workspaceId, cancellationToken)
            ?? throw new EntityNotFoundException($"Workspace '{workspaceId}' no longer exists.");
        var connectors = await _connectors.GetWorkspaceConnectorsAsync(workspaceId, cancellationToken);
        var policies = await _policies.GetAllAsync(workspaceId, cancellationToken);
        var rules = await _rules.ListAsync(workspaceId, cancellationToken);

        var tools = new List<CatalogTool>
        {
            Meta(MetaTool.ListConnectors, "list_connectors", "List connectors",
                "Lists this workspace's connectors (accounts): status, OAuth grant state and the tools each one offers.",
                ToolSchemas.EmptyInput, ToolSchemas.ListConnectorsOutput, ActionAnnotations.Read with { OpenWorld = false }),
            Meta(MetaTool.GetApproval, "get_approval", "Get approval status",
                "Reports the status of an action awaiting a person's approval and, once it has run, its result.",
                ToolSchemas.GetApprovalInput, ToolSchemas.GetApprovalOutput, ActionAnnotations.Read with { Idempotent = false, OpenWorld = false }),
            Meta(MetaTool.SearchTools, "search_tools", "Search tools",
                "Finds this workspace's tools for a task, best first, each with its inputSchema. Run one with call_tool.",
                ToolSchemas.SearchToolsInput, ToolSchemas.SearchToolsOutput, ActionAnnotations.Read with { OpenWorld = false }),
            // call_tool may run any tool, writes included: nothing about it is read-only or idempotent.
            Meta(MetaTool.CallTool, "call_tool", "Call a tool",
                "Runs a tool that search_tools found. Same checks, approvals and result as a direct call.",
                ToolSchemas.CallToolInput, ToolSchemas.AnyObjectOutput, new ActionAnnotations(ReadOnly: false, Destructive: true, Idempotent: false, OpenWorld: true)),
        };
        var names = new HashSet<string>(tools.Select(t => t.Name), StringComparer.Ordinal);

        foreach (var connector in connectors.Where(c => WorkspaceCatalog.IsListed(c.Status)))
        {
            var type = _registry.Find(connector.Type);
            if (type is null)
            {
                LogUnknownType(connector.Id, connector.Type);
                continue;
            }

            // An operator may publish only some of the actions (connector set-tools); the others are not tools at all, so a
            // call to one is answered like any unknown tool.
            foreach (var action in type.Actions.Where(a => connector.Publishes(a.Name)))
            {
                var name = $"{connector.Name}_{action.Name}";
                if (!names.Add(name))
                {
                    LogDuplicateTool(name, connector.Id);
                    continue;
                }

                var policy = policies.TryGetValue(name, out var overridden) ? overridden : action.DefaultPolicy;
                // A rule that can ask for approval makes the pending-approval result possible even under an auto policy.
                var mayPend = policy == ApprovalPolicy.Approve || rules.Any(r => r.Effect == ApprovalPolicy.Approve && ToolPattern.Matches(r.ToolPattern, name));
                var inputSchema = action.IsReadOnly ? action.InputSchema : ToolSchemas.WithIdempotencyKey(action.InputSchema);
                tools.Add(new CatalogTool
                {
                    Name = name,
                    Title = $"{action.Title} ({connector.Name})",
                    Description = action.Description,
                    InputSchema = inputSchema,
                    OutputSchema = mayPend ? ToolSchemas.WithPendingApproval(action.OutputSchema) : action.OutputSchema,
                    Annotations = action.Annotations,
                    Policy = policy,
                    Validator = Validator($"{type.Type}:{action.Name}", inputSchema),
                    Connector = connector,
                    ConnectorType = type,
                    Action = action,
                });
            }
        }

        return new WorkspaceCatalog(workspace, version, connectors, tools, rules);
    }

    /// <summary>A meta tool: no connector, policy auto (it calls no provider; call_tool's target has its own policy).</summary>
    private CatalogTool Meta(MetaTool meta, string name, string title, string description, System.Text.Json.JsonElement input, System.Text.Json.JsonElement output, ActionAnnotations annotations) => new()
    {
        Name = name,
        Title = title,
        Description = description,
        InputSchema = input,
        OutputSchema = output,
        Annotations = annotations,
        Policy = ApprovalPolicy.Auto,
        Validator = Validator("meta:" + name, input),
        Meta = meta,
    };

    private ArgumentValidator Validator(string key, System.Text.Json.JsonElement schema) =>
        _validators.GetOrAdd(key, static (k, s) => new ArgumentValidator(s, k), schema);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {ConnectorId} has type '{Type}', which this build does not know; its tools are not listed.")]
    private partial void LogUnknownType(string connectorId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool name '{Tool}' of connector {ConnectorId} collides with another tool; rename the connector with --name.")]
    private partial void LogDuplicateTool(string tool, string connectorId);
}
