using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>Finds what a command names, or refuses with a message that says how to get it.</summary>
internal static class RequiredEntities
{
    public static async Task<Workspace> RequireWorkspaceAsync(this IWorkspaceStore store, string slug, CancellationToken cancellationToken) =>
        await store.FindBySlugAsync(slug, cancellationToken)
        ?? throw new CommandRefusedException(
            $"No workspace '{slug}'. Create it with {CliInstructions.WorkspaceCreate(slug)} or see {CliInstructions.WorkspaceList}.");

    public static async Task<ConnectorInstance> RequireConnectorAsync(this IConnectorStore store, string connectorId, CancellationToken cancellationToken) =>
        await store.FindAsync(connectorId, cancellationToken)
        ?? throw new CommandRefusedException(
            $"No connector '{connectorId}'. See the ids with {CliInstructions.ConnectorList("SLUG")}.");

    public static async Task<ApprovalRecord> RequireApprovalAsync(this IApprovalStore store, string approvalId, CancellationToken cancellationToken) =>
        await store.FindAsync(approvalId, cancellationToken)
        ?? throw new CommandRefusedException(
            $"No approval '{approvalId}'. See the pending ones with {CliInstructions.ApprovalsList("SLUG")}.");
}
