using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Doctor.Checks;

/// <summary>
/// Each connector's credential state and last error: no usable grant (needs_reauth, revoked) → reconnect it; in error
/// after repeated failures (its tools are hidden) → enable it again once the cause is fixed; an active one whose last
/// call failed → a warning with the error. Disabled connectors are left alone: a person turned them off.
/// </summary>
internal sealed class ConnectorCredentialCheck : IDoctorCheck
{
    private const int MaxErrorLength = 200;

    public string Name => "connectors";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.DatabaseReady)
        {
            return [];
        }

        var store = context.Services.GetRequiredService<IConnectorStore>();
        var findings = new List<DoctorFinding>();
        var count = 0;
        foreach (var workspace in await context.Services.GetRequiredService<IWorkspaceStore>().ListAsync(cancellationToken))
        {
            foreach (var connector in await store.GetWorkspaceConnectorsAsync(workspace.Id, cancellationToken))
            {
                count++;
                if (Check(workspace, connector) is { } finding)
                {
                    findings.Add(finding);
                }
            }
        }

        return findings.Count > 0
            ? findings
            : [DoctorFinding.Ok(Name, count == 0 ? "No connectors yet." : $"{count} connector(s) have usable credentials and no recent error.")];
    }

    private DoctorFinding? Check(Workspace workspace, ConnectorInstance connector)
    {
        var who = $"Connector '{connector.Name}' ({connector.Id}, {connector.Type}) in workspace '{workspace.Slug}'";
        var lastError = connector.LastError is { } error ? $" Last error: {Bounded(error)}." : "";
        if (connector.Status == ConnectorStatus.Disabled)
        {
            return null;
        }

        if (connector.Status == ConnectorStatus.NeedsReauth || connector.CredentialState is CredentialState.NeedsReauth or CredentialState.Revoked)
        {
            return DoctorFinding.Fail(Name, $"{who} has no usable grant (credential state {connector.CredentialState.ToName()}).{lastError}", CliInstructions.ConnectorConnect(connector.Id));
        }

        if (connector.Status == ConnectorStatus.Error)
        {
            return DoctorFinding.Fail(Name, $"{who} is in error after {connector.ConsecutiveFailures} failed call(s); its tools are hidden.{lastError} Once the cause is fixed:", CliInstructions.ConnectorEnable(connector.Id));
        }

        return connector.ConsecutiveFailures > 0
            ? DoctorFinding.Warn(Name, $"{who}: its last call failed.{lastError}", CliInstructions.ConnectorList(workspace.Slug))
            : null;
    }

    private static string Bounded(string text)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxErrorLength ? text : string.Concat(text.AsSpan(0, MaxErrorLength - 1), "…");
    }
}
