using Connectors.Mcp.Commands;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Hosting;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline.Approval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Tests.Commands;

/// <summary>
/// Runs the real <c>connectors-mcp</c> root command in-process against a temp home (its own SQLite file and master.key),
/// with a fake clock and the real connector types (gmail), and records what <c>serve</c> would have started.
/// </summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "connectors-mcp-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder passed as <c>--home</c>.</summary>
    public string Root { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public List<ServeRequest> ServeRequests { get; } = [];

    /// <summary>Runs with <c>--home ROOT</c> appended (after the subcommand, as scripts often write it).</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunRawAsync([.. args, "--home", Root]);

    public Task<CliResult> RunWithStdinAsync(string stdin, params string[] args) => RunRawAsync([.. args, "--home", Root], stdin);

    /// <summary>Runs exactly these arguments.</summary>
    public async Task<CliResult> RunRawAsync(string[] args, string stdin = "")
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        var context = new CliContext(new CliConsole(stdout, stderr, input), Configure, RecordServe);
        var exitCode = await CliApp.RunAsync(args, context, CancellationToken.None);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public async Task CreateWorkspaceAsync(string slug, string plan = "free")
    {
        var result = await RunAsync("workspace", "create", slug, "--plan", plan);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Adds a gmail connector and returns the id it printed.</summary>
    public async Task<string> AddConnectorAsync(string slug, string? name = null)
    {
        var result = name is null
            ? await RunAsync("connector", "add", slug, "gmail")
            : await RunAsync("connector", "add", slug, "gmail", "--name", name);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    /// <summary>The same composition root the CLI uses, on the same home, for arranging and checking state.</summary>
    public Task<ServiceProvider> BuildServicesAsync(bool sandbox = false) =>
        AppServices.BuildAsync(AppHome.Resolve(Root, sandbox), CancellationToken.None, Configure);

    /// <summary>Each stdout line parsed as one JSON object (fails if any line is not one).</summary>
    public static JsonObject[] JsonLines(CliResult result) =>
        result.StdoutLines.Select(line => Assert.IsType<JsonObject>(JsonNode.Parse(line))).ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be open; the temp folder is cleaned by the OS.
        }
    }

    private void Configure(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Time);
        // Until the pipeline registers the runner itself; a no-op once it does.
        services.TryAddSingleton<ApprovedActionRunner>();
    }

    private Task<int> RecordServe(ServeRequest request, TextWriter stderr, CancellationToken cancellationToken)
    {
        ServeRequests.Add(request);
        return Task.FromResult(0);
    }
}
