using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary><c>connector enable CONNECTOR_ID</c>: back to active (or needs_reauth when it has no tokens); also clears error.</summary>
internal sealed class ConnectorEnableCommand : Command
{
    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    public ConnectorEnableCommand(CliContext context)
        : base("enable", "Enable a connector: its tools are listed again.")
    {
        Add(_connectorId);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var store = services.GetRequiredService<IConnectorStore>();
            var connector = await store.RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            var updated = await store.SetEnabledAsync(connector.Id, enabled: true, ct);
            context.Console.Out.WriteLine($"Connector '{updated.Name}' ({updated.Id}) is now {updated.Status.ToName()}.");
            if (updated.Status == ConnectorStatus.NeedsReauth)
            {
                context.Console.Error.WriteLine(
                    $"It has no usable tokens: connect it with {CliInstructions.ConnectorConnect(updated.Id)} (or {CliInstructions.ConnectorSetToken(updated.Id, "--access-token -")}).");
            }

            return ExitCodes.Success;
        }));
    }
}
