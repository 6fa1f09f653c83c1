using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary><c>connector add SLUG TYPE [--name NAME] [--setting KEY=VALUE]...</c>: prints the new connector's id alone.</summary>
internal sealed class ConnectorAddCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace." };

    private readonly Argument<string> _type = new("TYPE") { Description = "A connector type (see `connector types`), e.g. gmail." };

    private readonly Option<string?> _name = new("--name")
    {
        Description = "Instance name and tool prefix ({name}_{action}); defaults to the type. Tells two accounts apart, e.g. work_mail.",
        HelpName = "NAME",
    };

    private readonly Option<string[]> _settings = new("--setting")
    {
        Description = "A setting of the type, e.g. api_base_url=http://127.0.0.1:5200/. Repeatable.",
        HelpName = "KEY=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public ConnectorAddCommand(CliContext context)
        : base("add", "Add a connector to a workspace. It starts in needs_reauth until `connector connect` (or `connector set-token`) gives it tokens.")
    {
        Add(_slug);
        Add(_type);
        Add(_name);
        Add(_settings);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var registry = services.GetRequiredService<ConnectorRegistry>();
            var typeKey = parseResult.GetRequiredValue(_type);
            var type = registry.Find(typeKey) ?? throw new UsageException(
                $"Unknown connector type '{typeKey}'. Valid types: {string.Join(", ", registry.Types.Select(t => t.Type).Order(StringComparer.Ordinal))} " +
                $"(see {CliInstructions.ConnectorTypes}).");
            var settings = ConnectorSettingsParser.Parse(type, parseResult.GetValue(_settings) ?? []);
            var name = parseResult.GetValue(_name) ?? type.Type;

            var workspace = await services.GetRequiredService<IWorkspaceStore>().RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var connector = await services.GetRequiredService<IConnectorStore>().AddAsync(workspace.Id, type.Type, name, settings, ct);
            context.Console.Out.WriteLine(connector.Id);
            context.Console.Error.WriteLine(
                $"Added connector '{connector.Name}' ({connector.Type}) to workspace '{workspace.Slug}'; status {connector.Status.ToName()}. " +
                $"Connect it with {CliInstructions.ConnectorConnect(connector.Id)} (or give it tokens with {CliInstructions.ConnectorSetToken(connector.Id)}).");
            return ExitCodes.Success;
        }));
    }
}
