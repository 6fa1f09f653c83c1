using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary><c>connector remove CONNECTOR_ID</c>: deletes the connector and its tokens; its audit rows stay.</summary>
internal sealed class ConnectorRemoveCommand : Command
{
    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    public ConnectorRemoveCommand(CliContext context)
        : base("remove", "Remove a connector and its tokens (its audit rows stay).")
    {
        Add(_connectorId);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var store = services.GetRequiredService<IConnectorStore>();
            var connector = await store.RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            await store.RemoveAsync(connector.Id, ct);
            context.Console.Out.WriteLine($"Removed connector '{connector.Name}' ({connector.Id}) and its tokens; its audit rows stay.");
            return ExitCodes.Success;
        }));
    }
}
