using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary>
/// <c>connector disconnect CONNECTOR_ID</c>: revokes the grant at the provider where it can, deletes the tokens locally
/// (credential state revoked, status needs_reauth). A failed provider call does not stop the local deletion: the command
/// still succeeds, and says on stderr that the grant may still be live at the provider and where to revoke it by hand.
/// </summary>
internal sealed class ConnectorDisconnectCommand : Command
{
    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    public ConnectorDisconnectCommand(CliContext context)
        : base("disconnect", "Revoke a connector's grant at the provider and delete its tokens; it needs reconnecting before its tools work again.")
    {
        Add(_connectorId);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var connectors = services.GetRequiredService<IConnectorStore>();
            var connector = await connectors.RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            var result = await services.GetRequiredService<ConnectorDisconnection>().DisconnectAsync(connector, ct);
            var status = (await connectors.FindAsync(connector.Id, ct))?.Status ?? connector.Status;

            var provider = result.Revocation switch
            {
                ProviderRevocation.Revoked => "grant revoked at the provider",
                ProviderRevocation.NothingToRevoke => "no tokens were stored",
                _ => "the provider did NOT confirm the revocation",
            };
            context.Console.Out.WriteLine(
                $"Disconnected connector '{connector.Name}' ({connector.Id}): {provider}; tokens deleted; credential state revoked, status {status.ToName()}.");
            if (result.Revocation is ProviderRevocation.Failed or ProviderRevocation.NotSupported)
            {
                var family = services.GetRequiredService<ConnectorRegistry>().Find(connector.Type) is { } type
                    ? services.GetRequiredService<ProviderCatalog>().Find(type.Provider)
                    : null;
                var where = family?.OAuth.AccountPermissionsPage is { } page ? $" ({family.OAuth.DisplayName}: {page})" : "";
                context.Console.Error.WriteLine(
                    $"Warning: {result.Problem}. The tokens are deleted here, but the grant may still be live at the provider: revoke "
                    + $"this app's access in the account's security settings{where}.");
            }

            context.Console.Error.WriteLine(
                $"Reconnect it with {CliInstructions.ConnectorConnect(connector.Id)} or {CliInstructions.ConnectorSetToken(connector.Id, "…")}.");
            return ExitCodes.Success;
        }));
    }
}
