using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary><c>connector disable CONNECTOR_ID</c>: its tools disappear from the catalog; tokens and settings stay.</summary>
internal sealed class ConnectorDisableCommand : Command
{
    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    public ConnectorDisableCommand(CliContext context)
        : base("disable", "Disable a connector: its tools are no longer listed; its tokens are kept.")
    {
        Add(_connectorId);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var store = services.GetRequiredService<IConnectorStore>();
            var connector = await store.RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            var updated = await store.SetEnabledAsync(connector.Id, enabled: false, ct);
            context.Console.Out.WriteLine($"Connector '{updated.Name}' ({updated.Id}) is now {updated.Status.ToName()}.");
            return ExitCodes.Success;
        }));
    }
}
