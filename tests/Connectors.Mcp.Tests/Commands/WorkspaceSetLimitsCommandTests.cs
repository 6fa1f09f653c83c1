using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class WorkspaceSetLimitsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_ShowsThePlanDefaults_ThenTheOverrides()
    {
        await _cli.CreateWorkspaceAsync("acme", "pro");

        var before = Assert.Single(CliHarness.JsonLines(await _cli.RunAsync("workspace", "list", "--json")));
        Assert.Equal(PlanLimits.CallsPerMinute(WorkspacePlan.Pro), (int)before["calls_per_minute"]!);
        Assert.Equal(PlanLimits.ConnectorCallsPerMinute(WorkspacePlan.Pro), (int)before["connector_calls_per_minute"]!);
        Assert.Equal("plan", (string)before["limits"]!);

        var set = await _cli.RunAsync("workspace", "set-limits", "acme", "--calls-per-minute", "120");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal($"Workspace 'acme': 120 calls per minute, {PlanLimits.ConnectorCallsPerMinute(WorkspacePlan.Pro)} per connector.", set.Stdout.Trim());
        await _cli.RunAsync("workspace", "set-limits", "acme", "--connector-calls-per-minute", "7");

        var after = Assert.Single(CliHarness.JsonLines(await _cli.RunAsync("workspace", "list", "--json")));
        Assert.Equal(120, (int)after["calls_per_minute"]!);
        Assert.Equal(7, (int)after["connector_calls_per_minute"]!);
        Assert.Equal("override", (string)after["limits"]!);
        var table = await _cli.RunAsync("workspace", "list");
        Assert.Matches(@"^acme\s+pro\s+\S+\s+120\s+7\s+override", table.StdoutLines[1]);
    }

    [Fact]
    public async Task SetLimits_MovesTheCatalogVersion_SoRunningServersReload()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await using var services = await _cli.BuildServicesAsync();
        var store = services.GetRequiredService<IWorkspaceStore>();
        var workspace = (await store.FindBySlugAsync("acme", CancellationToken.None))!;
        var version = await store.GetCatalogVersionAsync(workspace.Id, CancellationToken.None);

        Assert.Equal(0, (await _cli.RunAsync("workspace", "set-limits", "acme", "--calls-per-minute", "5")).ExitCode);

        Assert.Equal(version + 1, await store.GetCatalogVersionAsync(workspace.Id, CancellationToken.None));
        Assert.Equal(new RateLimitOverrides(5, null), (await store.FindBySlugAsync("acme", CancellationToken.None))!.RateLimitOverrides);
    }

    [Fact]
    public async Task Reset_ReturnsToThePlan()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.RunAsync("workspace", "set-limits", "acme", "--calls-per-minute", "5", "--connector-calls-per-minute", "2");

        var reset = await _cli.RunAsync("workspace", "set-limits", "acme", "--reset");

        Assert.Equal(0, reset.ExitCode);
        Assert.Equal("Workspace 'acme': 60 calls per minute, 30 per connector (plan free defaults).", reset.Stdout.Trim());
    }

    [Theory]
    [InlineData("--calls-per-minute", "0")]
    [InlineData("--connector-calls-per-minute", "-3")]
    [InlineData("--calls-per-minute", "1000001")]
    public async Task OutOfRange_IsAUsageError(string option, string value)
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("workspace", "set-limits", "acme", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("between 1 and 1000000", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingToSet_IsAUsageError_AndUnknownWorkspaceIsRefused()
    {
        await _cli.CreateWorkspaceAsync("acme");

        Assert.Equal(2, (await _cli.RunAsync("workspace", "set-limits", "acme")).ExitCode);
        var unknown = await _cli.RunAsync("workspace", "set-limits", "nope", "--reset");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No workspace 'nope'", unknown.Stderr, StringComparison.Ordinal);
    }
}
