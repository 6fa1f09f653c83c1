using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.ApiKeys;

/// <summary><c>apikey list SLUG [--json]</c>: id, name, scope, created, revoked (never the key or its hash).</summary>
internal sealed class ApiKeyListCommand : Command
{
    private static readonly OutputColumn<ApiKey>[] Columns =
    [
        new("id", k => k.Id),
        new("name", k => CliOutput.Text(k.Name)),
        new("scope", k => k.Scope.Describe()),
        new("read_only", k => k.Scope.ReadOnly, InTable: false),
        new("tools", k => CliOutput.Array(k.Scope.Patterns), InTable: false),
        new("tool_mode", k => CliOutput.Text(k.Scope.Mode?.ToName()), InTable: false),
        new("created_at", k => CliOutput.Time(k.CreatedAt)),
        new("revoked_at", k => CliOutput.Time(k.RevokedAt)),
    ];

    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace whose keys to list." };

    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line." };

    public ApiKeyListCommand(CliContext context)
        : base("list", "List a workspace's API keys and their scopes (revoked ones too; never the keys).")
    {
        Add(_slug);
        Add(_json);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var json = parseResult.GetValue(_json);
            var store = services.GetRequiredService<IWorkspaceStore>();
            var workspace = await store.RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var keys = await store.ListApiKeysAsync(workspace.Id, ct);
            if (keys.Count == 0 && !json)
            {
                context.Console.Error.WriteLine($"Workspace '{workspace.Slug}' has no API keys yet. Create one with {CliInstructions.ApiKeyCreate(workspace.Slug)}.");
                return ExitCodes.Success;
            }

            CliOutput.WriteRecords(context.Console.Out, keys, Columns, json);
            return ExitCodes.Success;
        }));
    }
}
