using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// Every provider a connector uses (in any workspace) has its OAuth client set, and its stored secret decrypts with the
/// master key (without a usable key every stored secret fails to decrypt, and is reported).
/// </summary>
internal sealed class OAuthClientCheck : IDoctorCheck
{
    public string Name => "oauth-clients";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.DatabaseReady)
        {
            return [];
        }

        var registry = context.Services.GetRequiredService<ConnectorRegistry>();
        var connectors = context.Services.GetRequiredService<IConnectorStore>();
        var inUse = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var workspace in await context.Services.GetRequiredService<IWorkspaceStore>().ListAsync(cancellationToken))
        {
            foreach (var connector in await connectors.GetWorkspaceConnectorsAsync(workspace.Id, cancellationToken))
            {
                if (registry.Find(connector.Type)?.Provider is { } provider)
                {
                    inUse[provider] = inUse.GetValueOrDefault(provider) + 1;
                }
            }
        }

        if (inUse.Count == 0)
        {
            return [DoctorFinding.Ok(Name, "No connector uses an OAuth provider yet.")];
        }

        var credentials = context.Services.GetRequiredService<ICredentialStore>();
        var findings = new List<DoctorFinding>();
        foreach (var (provider, count) in inUse)
        {
            try
            {
                if (await credentials.GetOAuthClientAsync(provider, cancellationToken) is null)
                {
                    findings.Add(DoctorFinding.Fail(
                        Name,
                        $"No OAuth client for provider '{provider}', used by {count} connector(s): they cannot connect or refresh their tokens.",
                        CliInstructions.OAuthClientSet(provider)));
                }
            }
            catch (InvalidStateException ex)
            {
                // The store's message says the secret does not decrypt and how to set it again (never the secret).
                findings.Add(DoctorFinding.Fail(Name, ex.Message, CliInstructions.OAuthClientSet(provider)));
            }
        }

        return findings.Count > 0
            ? findings
            : [DoctorFinding.Ok(Name, $"OAuth clients are set for every provider in use ({string.Join(", ", inUse.Keys)}).")];
    }
}
