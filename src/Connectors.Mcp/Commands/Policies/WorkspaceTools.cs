using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Policies;

/// <summary>Every tool the workspace's connectors declare, whatever their status, with the action behind it.</summary>
internal static class WorkspaceTools
{
    public static async Task<List<(string Name, ConnectorAction Action)>> ListAsync(IServiceProvider services, Workspace workspace, CancellationToken ct)
    {
        var registry = services.GetRequiredService<ConnectorRegistry>();
        var connectors = await services.GetRequiredService<IConnectorStore>().GetWorkspaceConnectorsAsync(workspace.Id, ct);
        return connectors
            .SelectMany(c => (registry.Find(c.Type)?.Actions ?? []).Select(a => ($"{c.Name}_{a.Name}", a)))
            .ToList();
    }
}
