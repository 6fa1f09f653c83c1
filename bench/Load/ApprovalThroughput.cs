using System.Diagnostics;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Bench.Load;

/// <summary>
/// Approvals carried through their whole life per second through the product's <see cref="IApprovalStore"/> — create,
/// approve, claim, complete: four synced commits each, as a gated call that a person approves costs — from 1 and
/// from N concurrent writers.
/// </summary>
public static class ApprovalThroughput
{
    public static async Task<double> LifecyclesPerSecondAsync(string directory, int writers, TimeSpan duration)
    {
        System.IO.Directory.CreateDirectory(directory);
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(directory, sandbox: false), CancellationToken.None);
        var workspaces = services.GetRequiredService<IWorkspaceStore>();
        var connectors = services.GetRequiredService<IConnectorStore>();
        var workspace = await workspaces.FindBySlugAsync("approvals", CancellationToken.None)
            ?? await workspaces.CreateAsync("approvals", WorkspacePlan.Enterprise, CancellationToken.None);
        var connector = (await connectors.GetWorkspaceConnectorsAsync(workspace.Id, CancellationToken.None)).FirstOrDefault()
            ?? await connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), CancellationToken.None);
        var approvals = services.GetRequiredService<IApprovalStore>();
        var cycles = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var hash = Guid.NewGuid().ToString("N");
                var created = await approvals.CreateAsync(
                    new NewApproval(workspace.Id, connector.Id, "gmail_send_email", "send_email", "{}", hash, "bench", TimeSpan.FromHours(1)),
                    CancellationToken.None);
                await approvals.DecideAsync(created.Id, approve: true, "bench", null, CancellationToken.None);
                if (!await approvals.TryClaimAsync(created.Id, CancellationToken.None))
                {
                    throw new InvalidOperationException($"approval {created.Id} could not be claimed");
                }

                await approvals.CompleteAsync(created.Id, succeeded: true, "{}", null, CancellationToken.None);
                Interlocked.Increment(ref cycles);
            }
        })));
        return cycles / clock.Elapsed.TotalSeconds;
    }
}
