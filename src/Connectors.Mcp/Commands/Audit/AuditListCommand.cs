using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Audit;

/// <summary><c>audit list SLUG [--json] [--limit N]</c>: newest first; <c>--json</c> gives every field, one object per line.</summary>
internal sealed class AuditListCommand : Command
{
    private const int MaxLimit = 10_000;

    private static readonly OutputColumn<AuditEntry>[] Columns =
    [
        new("id", e => e.Id),
        new("started_at", e => CliOutput.Time(e.StartedAt)),
        new("tool", e => e.Tool),
        new("status", e => e.Status.ToName()),
        new("duration_ms", e => e.FinishedAt is { } finished ? (long)(finished - e.StartedAt).TotalMilliseconds : null),
        new("error_code", e => e.ErrorCode),
        new("approval_id", e => e.ApprovalId),
        new("connector_id", e => e.ConnectorId, InTable: false),
        new("action", e => e.Action, InTable: false),
        new("error_message", e => e.ErrorMessage, InTable: false),
        new("arguments", e => ParseArguments(e.ArgumentsJson), InTable: false),
        new("arguments_hash", e => e.ArgumentsHash, InTable: false),
        new("decision", e => e.Decision, InTable: false),
        new("caller", e => e.Caller, InTable: false),
        new("finished_at", e => CliOutput.Time(e.FinishedAt), InTable: false),
        new("sequence", e => e.Sequence, InTable: false),
        new("previous_hash", e => e.PreviousHash, InTable: false),
        new("hash", e => e.Hash, InTable: false),
    ];

    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line, with every field." };

    private readonly Option<int> _limit = new("--limit")
    {
        Description = $"How many rows, newest first (1 to {MaxLimit}).",
        HelpName = "N",
        DefaultValueFactory = _ => 50,
    };

    public AuditListCommand(CliContext context)
        : base("list", "List a workspace's audit rows, newest first. Arguments are shown redacted as stored.")
    {
        Add(_slug);
        Add(_json);
        Add(_limit);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var limit = parseResult.GetValue(_limit);
            if (limit is < 1 or > MaxLimit)
            {
                throw new UsageException($"--limit must be between 1 and {MaxLimit}, got {limit}.");
            }

            var json = parseResult.GetValue(_json);
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var entries = await services.GetRequiredService<IAuditLog>().ListAsync(workspace.Id, limit, ct);
            if (entries.Count == 0 && !json)
            {
                context.Console.Error.WriteLine($"Workspace '{workspace.Slug}' has no audit rows yet.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, entries, Columns, json);
            return ExitCodes.Success;
        }));
    }

    /// <summary>The stored (already redacted) arguments as JSON, or as text if they are not valid JSON.</summary>
    private static JsonNode? ParseArguments(string argumentsJson)
    {
        try
        {
            return JsonNode.Parse(argumentsJson);
        }
        catch (JsonException)
        {
            return argumentsJson;
        }
    }
}
