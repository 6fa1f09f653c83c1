using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary><c>connector types [--json]</c>: type, display name, provider, actions, setting keys.</summary>
internal sealed class ConnectorTypesCommand : Command
{
    private static readonly OutputColumn<IConnectorType>[] Columns =
    [
        new("type", t => t.Type),
        new("display_name", t => t.DisplayName),
        new("provider", t => t.Provider),
        new("actions", t => CliOutput.Array(t.Actions.Select(a => a.Name))),
        new("setting_keys", t => CliOutput.Array(t.SettingKeys)),
        new("description", t => t.Description, InTable: false),
        new("scopes", t => CliOutput.Array(t.Scopes), InTable: false),
    ];

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public ConnectorTypesCommand(CliContext context)
        : base("types", "List the connector types this build offers.")
    {
        Add(_json);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, (services, _) =>
        {
            var types = services.GetRequiredService<ConnectorRegistry>().Types.OrderBy(t => t.Type, StringComparer.Ordinal).ToList();
            CliOutput.WriteRecords(context.Console.Out, types, Columns, parseResult.GetValue(_json));
            return Task.FromResult(ExitCodes.Success);
        }));
    }
}
