using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.Options;

namespace Connectors.Mcp.Core.Tests.Pipeline.RateLimiting;

public sealed class WorkspaceRateLimiterTests
{
    private static Workspace Ws(string id, WorkspacePlan plan = WorkspacePlan.Free) => new(id, id, plan, DateTimeOffset.UnixEpoch);

    [Fact]
    public void TryAcquire_PastTheBurst_RefusesWithRetryAfter()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 3 }));
        var ws = Ws("ws_a");
        Assert.True(limiter.TryAcquire(ws).Allowed);
        Assert.True(limiter.TryAcquire(ws).Allowed);
        Assert.True(limiter.TryAcquire(ws).Allowed);

        var refused = limiter.TryAcquire(ws);

        Assert.False(refused.Allowed);
        Assert.NotNull(refused.RetryAfter);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public void TryAcquire_OneWorkspaceExhausted_OthersUnaffected()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions { CallsPerMinute = 2 }));
        for (var i = 0; i < 5; i++)
        {
            limiter.TryAcquire(Ws("ws_noisy"));
        }

        Assert.False(limiter.TryAcquire(Ws("ws_noisy")).Allowed);
        Assert.True(limiter.TryAcquire(Ws("ws_quiet")).Allowed);
    }

    [Fact]
    public void TryAcquire_FreePlanDefault_AllowsSixtyThenRefuses()
    {
        using var limiter = new WorkspaceRateLimiter(Options.Create(new ToolPipelineOptions()));
        var ws = Ws("ws_free");
        var allowed = Enumerable.Range(0, 61).Count(_ => limiter.TryAcquire(ws).Allowed);
        Assert.Equal(PlanLimits.CallsPerMinute(WorkspacePlan.Free), allowed);
    }
}
