using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Tests.Pipeline.RateLimiting;

public sealed class WorkspaceRateLimiterTests
{
    private static Workspace Ws(string id, WorkspacePlan plan = WorkspacePlan.Free) => new(id, id, plan, DateTimeOffset.UnixEpoch);

    [Fact]
    public void TryAcquireWorkspace_PastTheBurst_RefusesWithRetryAfter()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 3 }));
        var ws = Ws("ws_a");
        Assert.True(limiter.TryAcquireWorkspace(ws).Allowed);
        Assert.True(limiter.TryAcquireWorkspace(ws).Allowed);
        Assert.True(limiter.TryAcquireWorkspace(ws).Allowed);

        var refused = limiter.TryAcquireWorkspace(ws);

        Assert.False(refused.Allowed);
        Assert.NotNull(refused.RetryAfter);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public void TryAcquireWorkspace_OneWorkspaceExhausted_OthersUnaffected()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 2 }));
        for (var i = 0; i < 5; i++)
        {
            limiter.TryAcquireWorkspace(Ws("ws_noisy"));
        }

        Assert.False(limiter.TryAcquireWorkspace(Ws("ws_noisy")).Allowed);
        Assert.True(limiter.TryAcquireWorkspace(Ws("ws_quiet")).Allowed);
    }

    [Fact]
    public void TryAcquireWorkspace_FreePlanDefault_AllowsSixtyThenRefuses()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions()));
        var ws = Ws("ws_free");
        var allowed = Enumerable.Range(0, 61).Count(_ => limiter.TryAcquireWorkspace(ws).Allowed);
        Assert.Equal(PlanLimits.CallsPerMinute(WorkspacePlan.Free), allowed);
    }

    private static ConnectorInstance Connector(string id, string workspaceId) =>
        new(id, workspaceId, "rec", "recorder", ConnectorStatus.Active, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, null, null, 0);

    [Fact]
    public void TryAcquireConnector_RefusesAtTheConnectorsLimit_AndLeavesOtherConnectorsAndTheWorkspaceBucketAlone()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 2, ConnectorCallsPerMinute = 2 }));
        var ws = Ws("ws_a");
        var busy = Connector("con_busy", ws.Id);
        Assert.True(limiter.TryAcquireConnector(ws, busy).Allowed);
        Assert.True(limiter.TryAcquireConnector(ws, busy).Allowed);

        var refused = limiter.TryAcquireConnector(ws, busy);

        Assert.Equal(RateLimitScope.Connector, refused.RefusedBy);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.True(limiter.TryAcquireConnector(ws, Connector("con_other", ws.Id)).Allowed);
        // The two buckets are separate: the workspace's is still full.
        Assert.True(limiter.TryAcquireWorkspace(ws).Allowed);
        Assert.True(limiter.TryAcquireWorkspace(ws).Allowed);
        Assert.Equal(RateLimitScope.Workspace, limiter.TryAcquireWorkspace(ws).RefusedBy);
    }

    [Fact]
    public void Effective_StoredOverridesWin_ThenOptions_ThenPlan()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 9 }));
        var plain = Ws("ws_a", WorkspacePlan.Pro);
        var overridden = plain with { RateLimitOverrides = new RateLimitOverrides(5, null) };

        Assert.Equal(new EffectiveRateLimits(9, PlanLimits.ConnectorCallsPerMinute(WorkspacePlan.Pro), false), limiter.Effective(plain));
        Assert.Equal(new EffectiveRateLimits(5, 300, true), limiter.Effective(overridden));
        Assert.Equal(new EffectiveRateLimits(600, 300, false), PlanLimits.RateLimits(plain));
    }

    [Fact]
    public void TryAcquireWorkspace_ChangedLimit_TakesEffectAtOnce()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions()));
        var ws = Ws("ws_a") with { RateLimitOverrides = new RateLimitOverrides(1, null) };
        Assert.True(limiter.TryAcquireWorkspace(ws).Allowed);
        Assert.False(limiter.TryAcquireWorkspace(ws).Allowed);

        var raised = ws with { RateLimitOverrides = new RateLimitOverrides(3, null) };

        Assert.True(limiter.TryAcquireWorkspace(raised).Allowed);
    }

    [Theory]
    [InlineData(WorkspacePlan.Free)]
    [InlineData(WorkspacePlan.Pro)]
    [InlineData(WorkspacePlan.Enterprise)]
    public void PlanDefaults_ConnectorLimitIsBelowTheWorkspaceLimit(WorkspacePlan plan) =>
        Assert.True(PlanLimits.ConnectorCallsPerMinute(plan) < PlanLimits.CallsPerMinute(plan));
}
