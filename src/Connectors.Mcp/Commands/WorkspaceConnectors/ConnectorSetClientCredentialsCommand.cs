using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary>
/// <c>connector set-client-credentials CONNECTOR_ID --account-id ID --client-id ID --client-secret -</c>: gives a
/// connector a server-to-server app (Zoom's Server-to-Server OAuth), which it then uses instead of a user grant. The
/// secret is stored encrypted and never echoed; <c>-</c> reads it from standard input.
/// </summary>
internal sealed class ConnectorSetClientCredentialsCommand : Command
{
    private const int MaxLength = 128;

    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    private readonly Option<string> _accountId = new("--account-id") { Description = "The app's account id.", HelpName = "ID", Required = true };

    private readonly Option<string> _clientId = new("--client-id") { Description = "The app's client id.", HelpName = "ID", Required = true };

    private readonly Option<string> _clientSecret = new("--client-secret")
    {
        Description = "The app's client secret, or - to read it from standard input.",
        HelpName = "SECRET",
        Required = true,
    };

    public ConnectorSetClientCredentialsCommand(CliContext context)
        : base("set-client-credentials", "Give a connector a Server-to-Server OAuth app (Zoom); a connector in needs_reauth becomes active.")
    {
        Add(_connectorId);
        Add(_accountId);
        Add(_clientId);
        Add(_clientSecret);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var accountId = Identifier(parseResult.GetRequiredValue(_accountId), "--account-id");
            var clientId = Identifier(parseResult.GetRequiredValue(_clientId), "--client-id");
            var secret = SecretInput.Read(parseResult.GetRequiredValue(_clientSecret), "--client-secret", context.Console.In)!;
            if (secret.Length > 1024)
            {
                throw new UsageException("--client-secret is longer than 1024 characters.");
            }

            var connectors = services.GetRequiredService<IConnectorStore>();
            var connector = await connectors.RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            await services.GetRequiredService<ICredentialStore>()
                .SetServerAppAsync(connector.WorkspaceId, connector.Id, new ServerAppCredentials(accountId, clientId, secret), ct);

            var status = (await connectors.FindAsync(connector.Id, ct))?.Status ?? connector.Status;
            context.Console.Out.WriteLine($"Stored the Server-to-Server app of connector '{connector.Name}' ({connector.Id}); status {status.ToName()}.");
            return ExitCodes.Success;
        }));
    }

    /// <summary>Ids are printable ASCII without spaces (they go into a form body and messages).</summary>
    private static string Identifier(string value, string option)
    {
        value = value.Trim();
        return value.Length is > 0 and <= MaxLength && value.All(c => c is > ' ' and < (char)127)
            ? value
            : throw new UsageException($"{option} must be 1–{MaxLength} printable characters without spaces.");
    }
}
