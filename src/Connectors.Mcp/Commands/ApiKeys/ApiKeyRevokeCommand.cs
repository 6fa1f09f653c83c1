using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Hosting.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.ApiKeys;

/// <summary>
/// <c>apikey revoke ID</c>: the key stops opening its workspace — at once in this process, and in running servers within
/// <see cref="ApiKeyCache.Lifetime"/>. Revoking a revoked key changes nothing and says so; an unknown id is refused (exit 1).
/// </summary>
internal sealed class ApiKeyRevokeCommand : Command
{
    private readonly Argument<string> _id = new("ID") { Description = "The key's id (key_…, see `apikey list SLUG`)." };

    public ApiKeyRevokeCommand(CliContext context)
        : base("revoke", "Revoke an API key by its id; running servers refuse it within a second.")
    {
        Add(_id);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var revocation = await services.GetRequiredService<IWorkspaceStore>().RevokeApiKeyAsync(parseResult.GetRequiredValue(_id), CliOperator.Actor, ct);
            var key = revocation.Key;
            var label = key.Name is null ? key.Id : $"{key.Id} ('{key.Name}')";
            context.Console.Error.WriteLine(revocation.WasAlreadyRevoked
                ? $"API key {label} was already revoked at {CliOutput.Time(key.RevokedAt)}; nothing changed."
                : $"API key {label} is revoked; running servers refuse it within {ApiKeyCache.Lifetime.TotalSeconds:0} second.");
            return ExitCodes.Success;
        }));
    }
}
