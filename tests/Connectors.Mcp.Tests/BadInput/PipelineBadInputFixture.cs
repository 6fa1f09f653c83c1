using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.BadInput;

/// <summary>One pipeline on a temp database for a whole property run: a workspace with a recorder connector whose send is auto.</summary>
public sealed class PipelineBadInputFixture : IAsyncLifetime
{
    public PipelineHarness Harness { get; private set; } = null!;

    public Workspace Workspace { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Limits high enough that the rate limiter never answers for the validator, and no refusal budget: every fuzzed
        // call gets its own audit row.
        Harness = await PipelineHarness.CreateAsync(o => { o.CallsPerMinute = 1_000_000; o.ConnectorCallsPerMinute = 1_000_000; o.RefusalAuditRowsPerWindow = int.MaxValue; });
        Workspace = await Harness.WorkspaceAsync("fuzz");
        await Harness.ConnectorAsync(Workspace);
        await Harness.Services.GetRequiredService<IPolicyStore>().SetAsync(Workspace.Id, "rec_send", ApprovalPolicy.Auto, OperatorActor.Cli("test"), CancellationToken.None);
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
