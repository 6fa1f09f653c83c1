using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Tests.Pipeline.RateLimiting;

public sealed class WorkspaceRateLimiterTests
{
    private static Workspace Ws(string id, WorkspacePlan plan = WorkspacePlan.Free) => new(id, id, plan, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task TryAcquireWorkspace_PastTheBurst_RefusesWithRetryAfter()
    {
        using var buckets = new InProcessRateLimitBuckets();
        var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 3 }), buckets);
        var ws = Ws("ws_a");
        Assert.True((await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed);
        Assert.True((await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed);
        Assert.True((await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed);

        var refused = (await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None));

        Assert.False(refused.Allowed);
        Assert.NotNull(refused.RetryAfter);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task TryAcquireWorkspace_OneWorkspaceExhausted_OthersUnaffected()
    {
        using var buckets = new InProcessRateLimitBuckets();
        var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 2 }), buckets);
        for (var i = 0; i < 5; i++)
        {
            await limiter.TryAcquireWorkspaceAsync(Ws("ws_noisy"), CancellationToken.None);
        }

        Assert.False((await limiter.TryAcquireWorkspaceAsync(Ws("ws_noisy"), CancellationToken.None)).Allowed);
        Assert.True((await limiter.TryAcquireWorkspaceAsync(Ws("ws_quiet"), CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task TryAcquireWorkspace_FreePlanDefault_AllowsSixtyThenRefuses()
    {
        using var buckets = new InProcessRateLimitBuckets();
        var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions()), buckets);
        var ws = Ws("ws_free");
        var allowed = 0;
        for (var i = 0; i < 61; i++)
        {
            allowed += (await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed ? 1 : 0;
        }

        Assert.Equal(PlanLimits.CallsPerMinute(WorkspacePlan.Free), allowed);
    }

    private static ConnectorInstance Connector(string id, string workspaceId) =>
        new(id, workspaceId, "rec", "recorder", ConnectorStatus.Active, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, null, null, 0);

    [Fact]
    public async Task TryAcquireConnector_RefusesAtTheConnectorsLimit_AndLeavesOtherConnectorsAndTheWorkspaceBucketAlone()
    {
        using var buckets = new InProcessRateLimitBuckets();
        var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 2, ConnectorCallsPerMinute = 2 }), buckets);
        var ws = Ws("ws_a");
        var busy = Connector("con_busy", ws.Id);
        Assert.True((await limiter.TryAcquireConnectorAsync(ws, busy, CancellationToken.None)).Allowed);
        Assert.True((await limiter.TryAcquireConnectorAsync(ws, busy, CancellationToken.None)).Allowed);

        var refused = (await limiter.TryAcquireConnectorAsync(ws, busy, CancellationToken.None));

        Assert.Equal(RateLimitScope.Connector, refused.RefusedBy);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.True((await limiter.TryAcquireConnectorAsync(ws, Connector("con_other", ws.Id), CancellationToken.None)).Allowed);
        // The two buckets are separate: the workspace's is still full.
        Assert.True((await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed);
        Assert.True((await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed);
        Assert.Equal(RateLimitScope.Workspace, (await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).RefusedBy);
    }

    [Fact]
    public void Effective_StoredOverridesWin_ThenOptions_ThenPlan()
    {
        using var buckets = new InProcessRateLimitBuckets();
        var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 9 }), buckets);
        var plain = Ws("ws_a", WorkspacePlan.Pro);
        var overridden = plain with { RateLimitOverrides = new RateLimitOverrides(5, null) };

        Assert.Equal(new EffectiveRateLimits(9, PlanLimits.ConnectorCallsPerMinute(WorkspacePlan.Pro), false), limiter.Effective(plain));
        Assert.Equal(new EffectiveRateLimits(5, 300, true), limiter.Effective(overridden));
        Assert.Equal(new EffectiveRateLimits(600, 300, false), PlanLimits.RateLimits(plain));
    }

    [Fact]
    public async Task TryAcquireWorkspace_ChangedLimit_TakesEffectAtOnce()
    {
        using var buckets = new InProcessRateLimitBuckets();
        var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions()), buckets);
        var ws = Ws("ws_a") with { RateLimitOverrides = new RateLimitOverrides(1, null) };
        Assert.True((await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed);
        Assert.False((await limiter.TryAcquireWorkspaceAsync(ws, CancellationToken.None)).Allowed);

        var raised = ws with { RateLimitOverrides = new RateLimitOverrides(3, null) };

        Assert.True((await limiter.TryAcquireWorkspaceAsync(raised, CancellationToken.None)).Allowed);
    }

    [Theory]
    [InlineData(WorkspacePlan.Free)]
    [InlineData(WorkspacePlan.Pro)]
    [InlineData(WorkspacePlan.Enterprise)]
    public void PlanDefaults_ConnectorLimitIsBelowTheWorkspaceLimit(WorkspacePlan plan) =>
        Assert.True(PlanLimits.ConnectorCallsPerMinute(plan) < PlanLimits.CallsPerMinute(plan));
}
