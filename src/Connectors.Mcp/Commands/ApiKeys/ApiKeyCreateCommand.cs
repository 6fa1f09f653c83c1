using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.ApiKeys;

/// <summary>
/// <c>apikey create SLUG [--read-only] [--tools PATTERN,…] [--name NAME]</c>: prints the new key alone on stdout, the
/// only time it exists in clear; its id (for <c>apikey revoke</c>) and scope go to stderr.
/// </summary>
internal sealed class ApiKeyCreateCommand : Command
{
    private readonly Argument<string> _slug = new("SLUG") { Description = "The workspace the key opens." };

    private readonly Option<string?> _name = new("--name") { Description = "A label for lists, e.g. who or what uses the key.", HelpName = "NAME" };

    private readonly ScopeOptions _scope = new(
        "The key sees and calls only read-only tools (it cannot send, create, change or delete anything).",
        "The key sees and calls only tools whose name matches one of these globs, e.g. gmail_* or gmail_*,*_list_*. With --read-only, both must hold.");

    public ApiKeyCreateCommand(CliContext context)
        : base("create", "Create an API key for a workspace, optionally limited to some tools, and print it (only its hash is stored).")
    {
        Add(_slug);
        Add(_name);
        _scope.AddTo(this);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var scope = _scope.Read(parseResult);
            var store = services.GetRequiredService<IWorkspaceStore>();
            var workspace = await store.RequireWorkspaceAsync(parseResult.GetRequiredValue(_slug), ct);
            var issued = await store.CreateApiKeyAsync(workspace.Id, parseResult.GetValue(_name), scope, CliOperator.Actor, ct);
            context.Console.Out.WriteLine(issued.Secret);
            context.Console.Error.WriteLine(
                $"API key {issued.Key.Id} for workspace '{workspace.Slug}' created ({scope.Describe()}). This is the only time it is shown: store it now.");
            return ExitCodes.Success;
        }));
    }
}
