using Connectors.Mcp.Core.Catalog;
using System.Text.Json;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Support;

/// <summary>The real composition root on a temp SQLite file, with a recording connector type and a fake clock.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly TestHome _home = new();

    private PipelineHarness()
    {
    }

    public ServiceProvider Services { get; private set; } = null!;

    public RecordingConnectorType Recorder { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public ToolPipeline Pipeline => Services.GetRequiredService<ToolPipeline>();

    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    public IApprovalStore Approvals => Services.GetRequiredService<IApprovalStore>();

    public static async Task<PipelineHarness> CreateAsync(Action<ToolPipelineOptions>? configure = null)
    {
        var harness = new PipelineHarness();
        harness.Services = await AppServices.BuildAsync(AppHome.Resolve(harness._home.Path, sandbox: false), CancellationToken.None, services =>
        {
            services.AddSingleton<IConnectorType>(harness.Recorder);
            services.AddSingleton<TimeProvider>(harness.Time);
            services.Configure<ToolPipelineOptions>(o => configure?.Invoke(o));
        });
        return harness;
    }

    /// <summary>
    /// A second composition root on the same home (database file) and clock, as another server process would be: its own
    /// pipeline, stores, connection pool and in-process per-key turns. The caller disposes it.
    /// </summary>
    public Task<ServiceProvider> SecondProcessAsync() =>
        AppServices.BuildAsync(AppHome.Resolve(_home.Path, sandbox: false), CancellationToken.None, services =>
        {
            services.AddSingleton<IConnectorType>(Recorder);
            services.AddSingleton<TimeProvider>(Time);
        });

    public async Task<Workspace> WorkspaceAsync(string slug, WorkspacePlan plan = WorkspacePlan.Pro) =>
        await Services.GetRequiredService<IWorkspaceStore>().CreateAsync(slug, plan, CancellationToken.None);

    /// <summary>Sets who may approve in the workspace (<c>workspace set-approvers</c>); <c>null</c> = the options' default.</summary>
    public Task<Workspace> ApproversAsync(Workspace workspace, Approvers? approvers) =>
        Services.GetRequiredService<IWorkspaceStore>().SetApproversAsync(workspace.Id, approvers, OperatorActor.Cli("test"), CancellationToken.None);

    /// <summary>A recorder connector with tokens, so it is active.</summary>
    public async Task<ConnectorInstance> ConnectorAsync(Workspace workspace, string name = "rec", bool withTokens = true)
    {
        var connector = await Services.GetRequiredService<IConnectorStore>().AddAsync(workspace.Id, "recorder", name, new Dictionary<string, string>(), CancellationToken.None);
        if (withTokens)
        {
            await Services.GetRequiredService<ICredentialStore>().SaveTokensAsync(workspace.Id, connector.Id, new OAuthTokens("access-token-value", "refresh-token-value", Time.GetUtcNow().AddHours(1)), CancellationToken.None);
        }

        return (await Services.GetRequiredService<IConnectorStore>().FindAsync(connector.Id, CancellationToken.None))!;
    }

    /// <summary>Runs SQL on the database file directly, as something outside the product would (e.g. to inject a fault).</summary>
    public void ExecuteRaw(string sql)
    {
        using var connection = new global::Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_home.Path, "connectors.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public Task<ToolOutcome> CallAsync(Workspace workspace, string tool, string argumentsJson = "{}", IApprovalPrompt? prompt = null) =>
        Pipeline.CallAsync(new ToolCall(workspace.Id, tool, JsonDocument.Parse(argumentsJson).RootElement.Clone(), "tests", prompt, ToolScope.Full), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _home.Dispose();
    }
}
