using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.OAuthClients;

/// <summary><c>oauth-client set PROVIDER --client-id ID [--client-secret SECRET]</c>. The secret is stored encrypted and never echoed.</summary>
internal sealed class OAuthClientSetCommand : Command
{
    private readonly Argument<string> _provider = new("PROVIDER")
    {
        Description = "The provider key, as `connector types` shows it for each type (e.g. google).",
    };

    private readonly Option<string> _clientId = new("--client-id")
    {
        Description = "The OAuth client id.",
        HelpName = "ID",
        Required = true,
    };

    private readonly Option<string?> _clientSecret = new("--client-secret")
    {
        Description = "The OAuth client secret, or - to read it from standard input.",
        HelpName = "SECRET",
    };

    public OAuthClientSetCommand(CliContext context)
        : base("set", "Set (or replace) the OAuth client of a provider.")
    {
        Add(_provider);
        Add(_clientId);
        Add(_clientSecret);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var provider = parseResult.GetRequiredValue(_provider);
            var catalog = services.GetRequiredService<ProviderCatalog>();
            if (catalog.Find(provider) is null)
            {
                throw new UsageException(
                    $"Unknown provider '{provider}'; this build has: {string.Join(", ", catalog.Keys)}. {CliInstructions.ConnectorTypes} shows each type's provider; see {CliInstructions.Help("oauth-client set")}.");
            }

            var clientId = parseResult.GetRequiredValue(_clientId).Trim();
            if (clientId.Length == 0)
            {
                throw new UsageException("--client-id must not be empty.");
            }

            var secret = SecretInput.Read(parseResult.GetValue(_clientSecret), "--client-secret", context.Console.In);
            await services.GetRequiredService<ICredentialStore>().SetOAuthClientAsync(new OAuthClientCredentials(provider, clientId, secret), ct);
            context.Console.Out.WriteLine(secret is null
                ? $"OAuth client for {provider} set (client id {clientId}, no secret)."
                : $"OAuth client for {provider} set (client id {clientId}; the secret is stored encrypted).");
            return ExitCodes.Success;
        }));
    }
}
