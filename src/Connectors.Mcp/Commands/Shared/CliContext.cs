using System.CommandLine;
using Connectors.Mcp.Composition;
using Connectors.Mcp.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>
/// What every command of one invocation shares: the streams, the global options, and how to reach the stores.
/// Tests build one with their own streams, extra service registrations and a serve recorder.
/// </summary>
internal sealed class CliContext
{
    private readonly Action<IServiceCollection>? _configureServices;

    public CliContext(CliConsole console, Action<IServiceCollection>? configureServices = null, ServeRunner? serve = null)
    {
        Console = console;
        _configureServices = configureServices;
        Serve = serve ?? ServeHost.RunAsync;
    }

    public CliConsole Console { get; }

    public GlobalOptions Global { get; } = new();

    public ServeRunner Serve { get; }

    /// <summary>
    /// The home chosen by <c>--home</c> / <c>$CONNECTORS_MCP_HOME</c> / default, and <c>--sandbox</c>, with the database
    /// of <c>--database</c> / <c>$CONNECTORS_MCP_DATABASE_URL</c> (checked before the folder is created).
    /// </summary>
    public AppHome ResolveHome(ParseResult parseResult)
    {
        var sandbox = parseResult.GetValue(Global.Sandbox);
        var database = DatabaseSelection.Resolve(parseResult.GetValue(Global.Database), sandbox);
        return AppHome.Resolve(parseResult.GetValue(Global.Home), sandbox).WithPostgres(database);
    }

    /// <summary><see cref="ResolveHome"/> without creating or changing anything (for <c>doctor</c>).</summary>
    public AppHome LocateHome(ParseResult parseResult)
    {
        var sandbox = parseResult.GetValue(Global.Sandbox);
        var database = DatabaseSelection.Resolve(parseResult.GetValue(Global.Database), sandbox);
        return AppHome.Locate(parseResult.GetValue(Global.Home), sandbox).WithPostgres(database);
    }

    /// <summary>The composition root for this home as it is: no migration, nothing written (for <c>doctor</c>).</summary>
    public ServiceProvider BuildServicesAsIs(AppHome home, Action<IServiceCollection>? configure = null) =>
        AppServices.Build(home, services =>
        {
            _configureServices?.Invoke(services);
            configure?.Invoke(services);
        });

    /// <summary>Builds the composition root for this home (migrations applied), runs <paramref name="body"/>, disposes it.</summary>
    public async Task<int> RunWithServicesAsync(
        ParseResult parseResult,
        CancellationToken cancellationToken,
        Func<IServiceProvider, CancellationToken, Task<int>> body)
    {
        var home = ResolveHome(parseResult);
        await using var provider = await AppServices.BuildAsync(home, cancellationToken, _configureServices);
        return await body(provider, cancellationToken);
    }
}
