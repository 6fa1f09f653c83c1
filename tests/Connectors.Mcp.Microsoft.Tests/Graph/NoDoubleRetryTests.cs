using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Microsoft.Mail.Actions;
using Connectors.Mcp.Microsoft.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Microsoft;

namespace Connectors.Mcp.Microsoft.Tests.Graph;

/// <summary>One owner of retries: the family's resilience pipeline; nothing under or over it repeats a Graph request.</summary>
public sealed class NoDoubleRetryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Unavailable_OnAGet_IsSentOncePlusTheConfiguredRetries(int maxRetries)
    {
        await using var harness = await OutlookHarness.StartAsync(new MicrosoftPipeline(o => o.MaxRetries = maxRetries));
        for (var i = 0; i < 10; i++)
        {
            harness.Server.InjectFault(FakeMicrosoftEndpoints.Messages, FakeGraphFault.Unavailable());
        }

        await Assert.ThrowsAsync<RateLimitedException>(() => harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["query"] = "budget" }));

        Assert.Equal(1 + maxRetries, harness.Server.RequestCount(FakeMicrosoftEndpoints.Messages));
    }

    [Fact]
    public async Task Unavailable_ThenAnswer_IsRetriedByThePipeline()
    {
        await using var harness = await OutlookHarness.StartAsync();
        harness.Server.InjectFault(FakeMicrosoftEndpoints.Messages, FakeGraphFault.Unavailable());

        var result = await harness.RunAsync(SearchMessagesAction.Name, new JsonObject { ["query"] = "budget" });

        Assert.Single(result["messages"]!.AsArray());
        Assert.Equal(2, harness.Server.RequestCount(FakeMicrosoftEndpoints.Messages));
    }
}
