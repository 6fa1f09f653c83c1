using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Google.Tests.Faults;

/// <summary>
/// One circuit per connector instance: two Gmail connectors (each with its own fake account) share one host pipeline,
/// as every connector of a server process does; A's failing account opens only A's circuit.
/// </summary>
public sealed class CircuitBreakerTests
{
    private const string ConnectorA = "conn_a_failing";
    private const string ConnectorB = "conn_b_healthy";

    private static GooglePipeline Pipeline(TimeSpan breakDuration) => new(o =>
    {
        o.MaxRetries = 0;
        o.CircuitMinimumThroughput = 2;
        o.CircuitFailureRatio = 0.5;
        o.CircuitBreakDuration = breakDuration;
    });

    private static Task<JsonObject> ListLabels(GmailHarness harness) => harness.RunAsync("list_labels", new JsonObject());

    private static async Task OpenCircuitAsync(GmailHarness a)
    {
        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<ProviderException>(() => ListLabels(a));
            Assert.Equal(503, error.StatusCode);
        }
    }

    [Fact]
    public async Task FailingAccount_OpensItsOwnCircuit_FailsFastWithWhenItResumes_AndOtherConnectorsKeepWorking()
    {
        using var pipeline = Pipeline(TimeSpan.FromSeconds(30));
        await using var a = await GmailHarness.StartAsync(pipeline: pipeline, connectorId: ConnectorA);
        await using var b = await GmailHarness.StartAsync(pipeline: pipeline, connectorId: ConnectorB);
        for (var i = 0; i < 5; i++)
        {
            a.Server.InjectFault(FakeGoogleEndpoints.LabelsList, FakeFault.Unavailable());
        }

        await OpenCircuitAsync(a);
        var open = await Assert.ThrowsAsync<ProviderException>(() => ListLabels(a));
        var labels = await ListLabels(b);

        Assert.Matches($"Gmail for connector {ConnectorA} is failing; calls are paused until \\d\\d:\\d\\d:\\d\\d UTC", open.Message);
        Assert.Equal(2, a.Server.RequestCount(FakeGoogleEndpoints.LabelsList)); // the fast failure sent nothing
        Assert.NotNull(pipeline.CircuitStates.OpenUntil(ConnectorA));
        Assert.Null(pipeline.CircuitStates.OpenUntil(ConnectorB));
        Assert.NotEmpty(labels["labels"]!.AsArray());
    }

    [Fact]
    public async Task OpenCircuit_LetsATrialCallThroughAfterTheBreak_AndClosesWhenItSucceeds()
    {
        using var pipeline = Pipeline(TimeSpan.FromSeconds(1));
        await using var a = await GmailHarness.StartAsync(pipeline: pipeline, connectorId: ConnectorA);
        a.Server.InjectFault(FakeGoogleEndpoints.LabelsList, FakeFault.Unavailable());
        a.Server.InjectFault(FakeGoogleEndpoints.LabelsList, FakeFault.Unavailable());
        await OpenCircuitAsync(a);
        Assert.NotNull(pipeline.CircuitStates.OpenUntil(ConnectorA));

        await Task.Delay(TimeSpan.FromSeconds(1.3));
        await ListLabels(a);

        Assert.Null(pipeline.CircuitStates.OpenUntil(ConnectorA));
        Assert.Equal(3, a.Server.RequestCount(FakeGoogleEndpoints.LabelsList));
    }

    [Fact]
    public async Task RateLimits_DoNotOpenTheCircuit()
    {
        using var pipeline = Pipeline(TimeSpan.FromSeconds(30));
        await using var a = await GmailHarness.StartAsync(pipeline: pipeline, connectorId: ConnectorA);
        for (var i = 0; i < 3; i++)
        {
            a.Server.InjectFault(FakeGoogleEndpoints.LabelsList, FakeFault.RateLimited(TimeSpan.FromSeconds(60)));
            await Assert.ThrowsAsync<RateLimitedException>(() => ListLabels(a));
        }

        await ListLabels(a);

        Assert.Null(pipeline.CircuitStates.OpenUntil(ConnectorA));
    }
}
