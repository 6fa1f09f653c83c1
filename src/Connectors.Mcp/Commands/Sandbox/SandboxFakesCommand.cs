using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Sandbox;

namespace Connectors.Mcp.Commands.Sandbox;

/// <summary>
/// <c>sandbox fakes [--workspace SLUG] [--listen-port-base P]</c>: starts the sandbox's fakes (every
/// <see cref="SandboxFamilies"/> family, on loopback: random ports, or P, P+1, P+2 and the status endpoint on P+3, so
/// a restarted fakes process keeps its URLs) in this process, seeds the workspace in the configured database
/// exactly as <c>--sandbox</c> does (<see cref="SandboxEnvironment"/>: the fakes' OAuth clients, the demo connectors
/// pointed at the fakes, fresh tokens), and runs until Ctrl+C / SIGTERM. Several <c>serve --http</c> processes on the
/// same database then share ONE set of fakes, which is what a multi-instance setup needs (each <c>serve --sandbox</c>
/// would start fakes of its own and re-point the connectors at them). Refuses a database that holds real connectors:
/// the OAuth clients it stores are global. The status endpoint (<see cref="SandboxFakesStatus"/>) is loopback only.
/// </summary>
internal sealed class SandboxFakesCommand : Command
{
    /// <summary>The status endpoint's port after the families' ports.</summary>
    private const int StatusOffset = SandboxFamilies.PortCount;

    private readonly Option<string> _workspace = new("--workspace")
    {
        Description = "The workspace to seed (created when missing).",
        HelpName = "SLUG",
        DefaultValueFactory = _ => SandboxEnvironment.WorkspaceSlug,
    };

    private readonly Option<int> _portBase = new("--listen-port-base")
    {
        Description = "Fixed loopback ports: Google on P, Microsoft on P+1, Zoom on P+2, the status endpoint on P+3. Default: free ports.",
        HelpName = "P",
        DefaultValueFactory = _ => 0,
    };

    public SandboxFakesCommand(CliContext context)
        : base("fakes", "Run the sandbox's provider fakes and seed a workspace pointed at them, until Ctrl+C.")
    {
        Add(_workspace);
        Add(_portBase);
        _portBase.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is not 0 and (< 1024 or > 65535 - StatusOffset))
            {
                result.AddError($"--listen-port-base must be between 1024 and {65535 - StatusOffset} (it takes {StatusOffset + 1} ports), or 0 for free ports.");
            }
        });
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var slug = parseResult.GetRequiredValue(_workspace);
            if (await SandboxFakesGuard.RealConnectorAsync(services, ct) is { } real)
            {
                throw new CommandRefusedException(
                    $"This database holds a real connector ({real}). The fakes store their own Google, Microsoft and Zoom OAuth clients, " +
                    "which every workspace of the database shares: run them on a database of their own (e.g. --sandbox, or a new --home).");
            }

            var portBase = parseResult.GetValue(_portBase);
            await using var sandbox = await SandboxEnvironment.StartAsync(services, slug, portBase, ct);
            await using var status = await SandboxFakesStatus.StartAsync(sandbox, portBase == 0 ? 0 : portBase + StatusOffset, ct);
            var output = context.Console.Out;
            foreach (var family in sandbox.Families)
            {
                await output.WriteLineAsync($"{family.Provider}: {string.Join(", ", family.Connectors.Select(c => c.Name))} -> {family.Settings[Core.Connectors.ConnectorSettings.ApiBaseUrl]}");
            }

            await output.WriteLineAsync($"status: {status.Root}");
            await output.WriteLineAsync(
                $"sandbox fakes ready: workspace '{sandbox.Workspace.Slug}' seeded; serve it with {CliInstructions.ServeHttp()} on this database " +
                $"(API key: {CliInstructions.ApiKeyCreate(sandbox.Workspace.Slug)}). Ctrl+C stops the fakes.");
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        }));
    }
}
