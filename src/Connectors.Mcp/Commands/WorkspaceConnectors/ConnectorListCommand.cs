using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary>
/// <c>connector list SLUG [--json]</c>: id, name, type, status (whether its tools are published), credential_state (where
/// its OAuth grant stands), published_actions (<c>all</c>, or the actions <c>connector set-tools</c> chose), last_sync_at, last_error.
/// </summary>
internal sealed class ConnectorListCommand : Command
{
    private static readonly OutputColumn<ConnectorInstance>[] Columns =
    [
        new("id", c => c.Id),
        new("name", c => c.Name),
        new("type", c => c.Type),
        new("status", c => c.Status.ToName()),
        new("credential_state", c => c.CredentialState.ToName()),
        new("published_actions", c => c.PublishedActions is { } published ? CliOutput.Array(published) : "all"),
        new("last_sync_at", c => CliOutput.Time(c.LastSyncAt)),
        new("last_error", c => c.LastError),
        new("created_at", c => CliOutput.Time(c.CreatedAt), InTable: false),
        new("consecutive_failures", c => c.ConsecutiveFailures, InTable: false),
    ];

    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public ConnectorListCommand(CliContext context)
        : base("list", "List a workspace's connectors, their status (active | disabled | error | needs_reauth) and credential state (active | refreshing | needs_reauth | revoked).")
    {
        Add(_slug);
        Add(_json);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var json = parseResult.GetValue(_json);
            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var connectors = await services.GetRequiredService<IConnectorStore>().GetWorkspaceConnectorsAsync(workspace.Id, ct);
            if (connectors.Count == 0 && !json)
            {
                context.Console.Error.WriteLine(
                    $"Workspace '{workspace.Slug}' has no connectors. Add one with {CliInstructions.ConnectorAdd(workspace.Slug, "TYPE")}.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, connectors, Columns, json);
            return ExitCodes.Success;
        }));
    }
}
