using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary>
/// <c>connector set-tools CONNECTOR_ID ACTION[,ACTION…] | --all</c>: which of the connector's actions are published as
/// tools. Live sessions get tools/list_changed; the change is recorded in the operator audit log.
/// </summary>
internal sealed class ConnectorSetToolsCommand : Command
{
    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    private readonly Argument<string?> _actions = new("ACTIONS")
    {
        Description = "Action names of the connector's type, comma-separated (see `connector types`), e.g. search_inbox,get_message.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _all = new("--all") { Description = "Publish every action of the type, also those a later version adds (the default)." };

    public ConnectorSetToolsCommand(CliContext context)
        : base("set-tools", "Choose which of a connector's actions its tools publish (the others are not listed and cannot be called).")
    {
        Add(_connectorId);
        Add(_actions);
        Add(_all);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var all = parseResult.GetValue(_all);
            var text = parseResult.GetValue(_actions);
            if (all == (text is not null))
            {
                throw new UsageException("Pass either the actions to publish (ACTION[,ACTION…]) or --all.");
            }

            var actions = text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var store = services.GetRequiredService<IConnectorStore>();
            var connector = await store.RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            var updated = await store.SetPublishedActionsAsync(connector.Id, actions, CliOperator.Actor, ct);
            var total = services.GetRequiredService<ConnectorRegistry>().Find(updated.Type)?.Actions.Count;
            context.Console.Out.WriteLine(updated.PublishedActions is { } published
                ? $"Connector '{updated.Name}' ({updated.Id}) now publishes {published.Count} of {total} actions: {string.Join(", ", published)}."
                : $"Connector '{updated.Name}' ({updated.Id}) now publishes all {total} actions.");
            return ExitCodes.Success;
        }));
    }
}
