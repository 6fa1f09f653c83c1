using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary>
/// <c>connector set-token CONNECTOR_ID --access-token T [--refresh-token R] [--expires-in SECONDS]</c>. Tokens are stored
/// encrypted and never echoed; <c>-</c> reads a token from standard input (access token first) to keep it out of shell history.
/// </summary>
internal sealed class ConnectorSetTokenCommand : Command
{
    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    private readonly Option<string> _accessToken = new("--access-token")
    {
        Description = "The OAuth access token, or - to read it from standard input.",
        HelpName = "T",
        Required = true,
    };

    private readonly Option<string?> _refreshToken = new("--refresh-token")
    {
        Description = "The OAuth refresh token, or - to read it from standard input (after the access token when both are -).",
        HelpName = "R",
    };

    private readonly Option<int?> _expiresIn = new("--expires-in")
    {
        Description = "Seconds until the access token expires (the token response's expires_in).",
        HelpName = "SECONDS",
    };

    public ConnectorSetTokenCommand(CliContext context)
        : base("set-token", "Give a connector OAuth tokens; a connector in needs_reauth becomes active.")
    {
        Add(_connectorId);
        Add(_accessToken);
        Add(_refreshToken);
        Add(_expiresIn);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var expiresIn = parseResult.GetValue(_expiresIn);
            if (expiresIn is <= 0)
            {
                throw new UsageException("--expires-in must be a positive number of seconds.");
            }

            var accessToken = SecretInput.Read(parseResult.GetRequiredValue(_accessToken), "--access-token", context.Console.In)!;
            var refreshToken = SecretInput.Read(parseResult.GetValue(_refreshToken), "--refresh-token", context.Console.In);

            var connectors = services.GetRequiredService<IConnectorStore>();
            var connector = await connectors.RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            var expiresAt = expiresIn is { } seconds ? services.GetRequiredService<TimeProvider>().GetUtcNow().AddSeconds(seconds) : (DateTimeOffset?)null;
            await services.GetRequiredService<ICredentialStore>()
                .SaveTokensAsync(connector.WorkspaceId, connector.Id, new OAuthTokens(accessToken, refreshToken, expiresAt), ct);

            var status = (await connectors.FindAsync(connector.Id, ct))?.Status ?? connector.Status;
            context.Console.Out.WriteLine($"Stored tokens for connector '{connector.Name}' ({connector.Id}); status {status.ToName()}.");
            return ExitCodes.Success;
        }));
    }
}
