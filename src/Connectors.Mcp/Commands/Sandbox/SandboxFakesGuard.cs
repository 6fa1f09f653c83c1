using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Sandbox;

/// <summary>
/// Whether a database holds a real connector: one whose API is not on loopback (a missing <c>api_base_url</c> means the
/// provider's real one). The sandbox seeding replaces the providers' OAuth clients, which all workspaces share.
/// </summary>
internal static class SandboxFakesGuard
{
    /// <summary><c>workspace/connector → host</c> of the first real connector, or null when there is none.</summary>
    public static async Task<string?> RealConnectorAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var connectors = services.GetRequiredService<IConnectorStore>();
        foreach (var workspace in await services.GetRequiredService<IWorkspaceStore>().ListAsync(cancellationToken))
        {
            foreach (var connector in await connectors.GetWorkspaceConnectorsAsync(workspace.Id, cancellationToken))
            {
                var api = connector.Settings.GetValueOrDefault(ConnectorSettings.ApiBaseUrl);
                var uri = Uri.TryCreate(api, UriKind.Absolute, out var parsed) ? parsed : null;
                if (uri is not { IsLoopback: true })
                {
                    return $"{workspace.Slug}/{connector.Name} -> {uri?.Host ?? api ?? "the provider's API"}";
                }
            }
        }

        return null;
    }
}
