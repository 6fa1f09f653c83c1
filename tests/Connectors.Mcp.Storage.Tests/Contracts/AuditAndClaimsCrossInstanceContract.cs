using System.Globalization;
using System.Security.Cryptography;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// The audit, approval, OAuth state, idempotency and reconciler guarantees that must hold across instances on one
/// database (processes on one SQLite file, servers on one PostgreSQL database): two sets of stores race with many
/// concurrent attempts, released together.
/// </summary>
public abstract class AuditAndClaimsCrossInstanceContract(StorageBackend backend)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string DeadOwner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{int.MaxValue - 1}/1");

    [SkippableFact]
    public async Task AuditChain_ConcurrentWritersOnTwoInstances_ThreeWorkspaces_EachChainGapFreeAndIntact()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspaces = new[] { await storage.CreateWorkspaceAsync("acme"), await storage.CreateWorkspaceAsync("globex"), await storage.CreateWorkspaceAsync("initech") };
        const int callsPerWorkspace = 60;

        // Every workspace's first row is raced too: nothing was written before the gate opens.
        await RaceAsync(callsPerWorkspace * workspaces.Length, async i =>
        {
            var workspaceId = workspaces[i % workspaces.Length].Id;
            var (log, completer) = i % 2 == 0 ? (storage.Audit, other.Audit) : (other.Audit, storage.Audit);
            if (i % 3 == 0)
            {
                await log.RecordAsync(Intent(workspaceId, i), new AuditCompletion(AuditStatus.Rejected, TestStores.Start, "invalid_arguments"), None);
            }
            else
            {
                var rowId = await log.BeginAsync(Intent(workspaceId, i), None);
                await completer.CompleteAsync(rowId, new AuditCompletion(AuditStatus.Succeeded, TestStores.Start), None);
            }
        });

        foreach (var workspace in workspaces)
        {
            Assert.Equal(new AuditVerification(true, callsPerWorkspace, null, null, 0), await other.Audit.VerifyAsync(workspace.Id, None));
            var sequences = await storage.ScalarRawAsync(
                "SELECT COUNT(DISTINCT seq) * 1000000 + MIN(seq) * 1000 + MAX(seq) FROM connector_actions WHERE workspace_id = @w;", ("@w", workspace.Id));
            Assert.Equal(callsPerWorkspace * 1000000L + 1000L + callsPerWorkspace, Convert.ToInt64(sequences, CultureInfo.InvariantCulture));
            var newest = (await storage.Audit.ListAsync(workspace.Id, callsPerWorkspace, None)).MaxBy(e => e.Sequence)!;
            Assert.Equal(newest.Id, await storage.ScalarRawAsync("SELECT row_id FROM audit_chain_heads WHERE workspace_id = @w;", ("@w", workspace.Id)));
        }
    }

    [SkippableFact]
    public async Task ApprovalClaim_ManyApprovals_EachRacedByTwentyClaimersOnTwoInstances_ExactlyOneWinsEach()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var approvals = new List<ApprovalRecord>();
        for (var i = 0; i < 5; i++)
        {
            var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id, i), None);
            approvals.Add(await storage.Approvals.DecideAsync(created.Id, true, "cli", null, None));
        }

        var wins = new int[approvals.Count];
        await RaceAsync(approvals.Count * 20, async i =>
        {
            if (await (i % 2 == 0 ? storage.Approvals : other.Approvals).TryClaimAsync(approvals[i % approvals.Count].Id, $"key-{i}", None))
            {
                Interlocked.Increment(ref wins[i % approvals.Count]);
            }
        });

        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.All(await other.Approvals.ListAsync(workspace.Id, null, None), a => Assert.Equal(ApprovalStatus.Running, a.Status));
    }

    [SkippableFact]
    public async Task ApprovalClaim_OfAGoneOwner_SettledByBothInstancesAtOnce_GoesBackOnce_AndOneClaimerWins()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id, 0), None);
        await storage.Approvals.DecideAsync(created.Id, true, "cli", null, None);
        Assert.True(await storage.Approvals.TryClaimAsync(created.Id, None));
        await storage.ExecuteRawAsync("UPDATE approvals SET claim_owner = @owner WHERE id = @id;", ("@owner", DeadOwner), ("@id", created.Id));

        var claims = 0;
        await RaceAsync(20, async i =>
        {
            var approvals = i % 2 == 0 ? storage.Approvals : other.Approvals;
            if (i % 4 < 2)
            {
                // Whoever looks first settles the dead claim (back to approved: its run left no audit row).
                await approvals.FindAsync(created.Id, None);
            }
            else if (await approvals.TryClaimAsync(created.Id, None))
            {
                Interlocked.Increment(ref claims);
            }
        });

        // Claims that came before the settlement found it running; at most one came after and won.
        var final = (await storage.Approvals.FindAsync(created.Id, None))!;
        Assert.True(claims <= 1);
        Assert.Equal(claims == 1 ? ApprovalStatus.Running : ApprovalStatus.Approved, final.Status);
        if (claims == 0)
        {
            Assert.True(await other.Approvals.TryClaimAsync(created.Id, None));
        }

        Assert.False(await storage.Approvals.TryClaimAsync(created.Id, None));
        Assert.Empty(await storage.Audit.ListAsync(workspace.Id, 10, None));
    }

    [SkippableFact]
    public async Task ApprovalDenyAndClaim_RacedOnTwoInstances_ExactlyOneTakesEffect()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        for (var round = 0; round < 10; round++)
        {
            var created = await storage.Approvals.CreateAsync(NewApproval(workspace.Id, round), None);
            await storage.Approvals.DecideAsync(created.Id, true, "cli", null, None);
            var denied = false;
            var claimed = false;

            await RaceAsync(2, async i =>
            {
                if (i == 0)
                {
                    try
                    {
                        await (round % 2 == 0 ? storage : other).Approvals.DecideAsync(created.Id, false, "cli:bob", null, None);
                        denied = true;
                    }
                    catch (InvalidStateException)
                    {
                    }
                }
                else
                {
                    claimed = await (round % 2 == 0 ? other : storage).Approvals.TryClaimAsync(created.Id, None);
                }
            });

            Assert.NotEqual(denied, claimed);
            Assert.Equal(denied ? ApprovalStatus.Denied : ApprovalStatus.Running, (await storage.Approvals.FindAsync(created.Id, None))!.Status);
        }
    }

    [SkippableFact]
    public async Task OAuthStates_EachRedeemedByOneOfManyRedirectsOnTwoInstances()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        var states = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var state = "state-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            await storage.OAuthStates.SaveAsync(
                new OAuthPendingAuthorization(state, workspace.Id, connector.Id, "http://127.0.0.1:53682/callback", $"verifier-{i}", TestStores.Start, TestStores.Start.AddMinutes(10)), None);
            states.Add(state);
        }

        var redeemed = new int[states.Count];
        var verifiers = new string?[states.Count];
        await RaceAsync(states.Count * 12, async i =>
        {
            var result = await (i % 2 == 0 ? storage.OAuthStates : other.OAuthStates).RedeemAsync(states[i % states.Count], None);
            if (result.Status == OAuthStateStatus.Redeemed)
            {
                Interlocked.Increment(ref redeemed[i % states.Count]);
                verifiers[i % states.Count] = result.Authorization!.CodeVerifier;
            }
            else
            {
                Assert.Equal(OAuthStateStatus.AlreadyUsed, result.Status);
            }
        });

        Assert.All(redeemed, r => Assert.Equal(1, r));
        Assert.Equal(Enumerable.Range(0, states.Count).Select(i => $"verifier-{i}"), verifiers);
    }

    [SkippableFact]
    public async Task IdempotencyKeys_EachClaimedOnce_AndAStaleClaimTakenOverOnce_AcrossTwoInstances()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var day = TimeSpan.FromDays(1);
        var stale = TimeSpan.FromMinutes(2);
        var keys = Enumerable.Range(0, 5).Select(i => $"key-{i}").ToArray();

        var fresh = new int[keys.Length];
        await RaceAsync(keys.Length * 12, async i =>
        {
            var claim = await (i % 2 == 0 ? storage.Idempotency : other.Idempotency).ClaimAsync(workspace.Id, keys[i % keys.Length], "fp", "t", day, stale, None);
            if (claim.Claimed)
            {
                Assert.False(claim.TookOverStaleClaim);
                Interlocked.Increment(ref fresh[i % keys.Length]);
            }
        });
        Assert.All(fresh, c => Assert.Equal(1, c));

        // Every claim is now stale: of many runs taking each over at once, one does.
        storage.Time.Advance(stale);
        var takeovers = new int[keys.Length];
        await RaceAsync(keys.Length * 12, async i =>
        {
            var claim = await (i % 2 == 0 ? storage.Idempotency : other.Idempotency).ClaimAsync(workspace.Id, keys[i % keys.Length], "fp", "t", day, stale, None);
            if (claim.Claimed)
            {
                Assert.True(claim.TookOverStaleClaim);
                Interlocked.Increment(ref takeovers[i % keys.Length]);
            }
        });
        Assert.All(takeovers, c => Assert.Equal(1, c));
    }

    [SkippableFact]
    public async Task Reconciler_RunOnTwoInstancesAtOnce_CompletesEachDeadRowOnce()
    {
        await using var storage = await backend.CreateAsync();
        var other = await storage.OpenAnotherInstanceAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        const int rows = 12;
        for (var i = 0; i < rows; i++)
        {
            var rowId = await storage.Audit.BeginAsync(Intent(workspace.Id, i), None);
            await storage.ExecuteRawAsync("UPDATE connector_actions SET owner = @owner WHERE id = @id;", ("@owner", DeadOwner), ("@id", rowId));
        }

        var counts = new int[4];
        await RaceAsync(counts.Length, async i => counts[i] = await (i % 2 == 0 ? storage.Reconciler : other.Reconciler).ReconcileAsync(None));

        Assert.Equal(rows, counts.Sum());
        Assert.Equal(new AuditVerification(true, rows, null, null, 0), await storage.Audit.VerifyAsync(workspace.Id, None));
        Assert.All(await storage.Audit.ListAsync(workspace.Id, rows, None), e => Assert.Equal(AuditCodes.Interrupted, e.ErrorCode));
    }

    /// <summary>Runs <paramref name="count"/> attempts on the thread pool, all released at once, and waits for every one.</summary>
    private static async Task RaceAsync(int count, Func<int, Task> attempt)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            await attempt(i);
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(attempts);
    }

    private static AuditIntent Intent(string workspaceId, int call) =>
        new(workspaceId, "con_1", "gmail_search_inbox", "search_inbox", $$"""{"query":"call {{call}}"}""", "abc123", null, "stdio", TestStores.Start);

    private static NewApproval NewApproval(string workspaceId, int n) =>
        new(workspaceId, "con_x", "gmail_send_email", "send_email", $$"""{"n":{{n}}}""", $"hash-{n}", $"Send message {n}", TimeSpan.FromHours(24));
}
