using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.ApiKeys;

/// <summary><c>apikey create SLUG</c>: prints the new key alone on stdout, the only time it exists in clear.</summary>
internal sealed class ApiKeyCreateCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace the key opens." };

    public ApiKeyCreateCommand(CliContext context)
        : base("create", "Create an API key for a workspace and print it (only its hash is stored).")
    {
        Add(_slug);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var store = services.GetRequiredService<IWorkspaceStore>();
            var workspace = await store.RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var key = await store.CreateApiKeyAsync(workspace.Id, CliOperator.Actor, ct);
            context.Console.Out.WriteLine(key);
            context.Console.Error.WriteLine($"API key for workspace '{workspace.Slug}' created. This is the only time it is shown: store it now.");
            return ExitCodes.Success;
        }));
    }
}
