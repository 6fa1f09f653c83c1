using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Workspaces;

/// <summary>
/// <c>workspace set-limits SLUG [--calls-per-minute N] [--connector-calls-per-minute M] [--reset]</c>: overrides the
/// plan's rate limits. A limit not given keeps its current value; <c>--reset</c> first returns both to the plan's.
/// Running servers apply the change on their next call (it moves the workspace's catalog version).
/// </summary>
internal sealed class WorkspaceSetLimitsCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Option<int?> _calls = new("--calls-per-minute")
    {
        Description = "Tool calls per minute for the whole workspace (burst = this number).",
    };

    private readonly Option<int?> _connectorCalls = new("--connector-calls-per-minute")
    {
        Description = "Tool calls per minute for each connector instance of the workspace.",
    };

    private readonly Option<bool> _reset = new("--reset") { Description = "Return both limits to the plan's defaults (before applying the options given)." };

    public WorkspaceSetLimitsCommand(CliContext context)
        : base("set-limits", "Override a workspace's rate limits (calls per minute, per workspace and per connector).")
    {
        Add(_slug);
        Add(_calls);
        Add(_connectorCalls);
        Add(_reset);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var calls = parseResult.GetValue(_calls);
            var connectorCalls = parseResult.GetValue(_connectorCalls);
            var reset = parseResult.GetValue(_reset);
            if (calls is null && connectorCalls is null && !reset)
            {
                throw new UsageException("Give --calls-per-minute N, --connector-calls-per-minute M or --reset.");
            }

            foreach (var (name, value) in new[] { ("--calls-per-minute", calls), ("--connector-calls-per-minute", connectorCalls) })
            {
                if (value is < 1 or > PlanLimits.MaxCallsPerMinute)
                {
                    throw new UsageException($"{name} must be between 1 and {PlanLimits.MaxCallsPerMinute}; use --reset for the plan's default.");
                }
            }

            var store = services.GetRequiredService<IWorkspaceStore>();
            var workspace = await store.RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var current = reset ? RateLimitOverrides.None : workspace.RateLimitOverrides;
            var updated = await store.SetRateLimitsAsync(
                workspace.Id,
                new RateLimitOverrides(calls ?? current.CallsPerMinute, connectorCalls ?? current.ConnectorCallsPerMinute),
                CliOperator.Actor,
                ct);
            var limits = PlanLimits.RateLimits(updated);
            context.Console.Out.WriteLine(
                $"Workspace '{updated.Slug}': {limits.CallsPerMinute} calls per minute, {limits.ConnectorCallsPerMinute} per connector" +
                (limits.Overridden ? "" : $" (plan {PlanLimits.Name(updated.Plan)} defaults)") + ".");
            return ExitCodes.Success;
        }));
    }
}
