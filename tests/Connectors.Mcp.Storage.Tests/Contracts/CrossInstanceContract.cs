using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// The guarantees that must hold when several processes (SQLite) or instances (PostgreSQL) share one database, each
/// proven by two instances racing: the refresh lease is granted to exactly one acquirer, and a catalog version is
/// bumped in the transaction of its change (never seen without it, never lost).
/// </summary>
public abstract class CrossInstanceContract(StorageBackend backend)
{
    private const int Rounds = 12;
    private const int AcquirersPerInstance = 6;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task RefreshLease_ConcurrentAcquirersOnTwoInstances_ExactlyOneWinsEachRound_AndOnlyItsSaveLands()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, new OAuthTokens("ya29.0", "1//r", TestStores.Start.AddHours(1)), None);
        ICredentialStore[] instances = [storage.Credentials, other.Credentials];

        for (var round = 1; round <= Rounds; round++)
        {
            var version = round;
            var attempts = await Task.WhenAll(Enumerable.Range(0, instances.Length * AcquirersPerInstance).Select(i => Task.Run(async () =>
            {
                var owner = $"i{i % instances.Length}:{round}:{i}";
                var result = await instances[i % instances.Length].TryAcquireRefreshLeaseAsync(workspace.Id, connector.Id, version, owner, Lease, None);
                return (Instance: i % instances.Length, Owner: owner, result.Status);
            })));

            var winner = Assert.Single(attempts, a => a.Status == RefreshLeaseStatus.Acquired);
            Assert.All(attempts.Where(a => a != winner), a => Assert.Equal(RefreshLeaseStatus.Held, a.Status));

            // The winner's save lands; a loser saving from the same version (on either instance) is refused.
            var tokens = new OAuthTokens($"ya29.{round}", "1//r", TestStores.Start.AddHours(1));
            var saves = await Task.WhenAll(
                Task.Run(() => instances[winner.Instance].SaveRefreshedTokensAsync(workspace.Id, connector.Id, tokens, version, None)),
                Task.Run(() => instances[1 - winner.Instance].SaveRefreshedTokensAsync(workspace.Id, connector.Id, tokens with { AccessToken = "ya29.late" }, version, None)));
            Assert.Single(saves, s => s is not null);
            var stored = await other.Credentials.GetStoredCredentialAsync(workspace.Id, connector.Id, None);
            Assert.Equal(version + 1, stored!.Version);
            Assert.Equal(CredentialState.Active, stored.State);
        }
    }

    [SkippableFact]
    public async Task CatalogVersion_ReaderOnAnotherInstance_NeverSeesAVersionBeforeItsChange()
    {
        const int changes = 40;
        await using var storage = await backend.CreateAsync();
        var reader = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var start = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < changes; i++)
            {
                await storage.Policies.SetAsync(workspace.Id, $"tool_{i}", ApprovalPolicy.Deny, TestStores.Actor, None);
            }
        });

        // Each policy set bumps the version once in its own transaction: whoever reads version v afterwards reads at
        // least v - start policies. A bump committed apart from its change would show a version ahead of the policies.
        var reads = 0;
        var behind = new List<string>();
        do
        {
            var version = await reader.Workspaces.GetCatalogVersionAsync(workspace.Id, None);
            var policies = await reader.Policies.GetAllAsync(workspace.Id, None);
            if (policies.Count < version - start)
            {
                behind.Add($"version {version}, {policies.Count} policies");
            }

            reads++;
        }
        while (!writing.IsCompleted);
        await writing;

        Assert.Empty(behind);
        Assert.True(reads > 0);
        Assert.Equal(start + changes, await reader.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
    }

    [SkippableFact]
    public async Task CatalogVersion_ChangesFromTwoInstancesAtOnce_EachBumpsOnce_WithItsOperatorRecord_AndRulesStayDense()
    {
        const int perInstance = 10;
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var start = await storage.Workspaces.GetCatalogVersionAsync(workspace.Id, None);
        TestStores[] instances = [storage, other];

        await Task.WhenAll(Enumerable.Range(0, instances.Length * perInstance).Select(i => Task.Run(async () =>
        {
            var instance = instances[i % instances.Length];
            await instance.Policies.SetAsync(workspace.Id, $"tool_{i}", ApprovalPolicy.Approve, TestStores.Actor, None);
            await instance.Rules.AddAsync(
                new NewApprovalRule(workspace.Id, $"tool_{i}", RuleCondition.Parse("always"), ApprovalPolicy.Deny, null, Position: i % 3 == 0 ? 1 : null), TestStores.Actor, None);
        })));

        var total = instances.Length * perInstance;
        Assert.Equal(start + (2 * total), await other.Workspaces.GetCatalogVersionAsync(workspace.Id, None));
        Assert.Equal(total, (await storage.Policies.GetAllAsync(workspace.Id, None)).Count);
        var rules = await other.Rules.ListAsync(workspace.Id, None);
        Assert.Equal(Enumerable.Range(1, total), rules.Select(r => r.Position));
        Assert.Equal(total, rules.Select(r => r.ToolPattern).Distinct().Count());
        Assert.Equal(2 * total, (await OperatorChangeRows.ReadAsync(storage, workspace.Id)).Count);
    }
}
