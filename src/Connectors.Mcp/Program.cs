using System.Runtime.InteropServices;
using Connectors.Mcp.Commands;
using Connectors.Mcp.Commands.Shared;

// connectors-mcp: Ctrl+C and SIGTERM cancel the running command (serve shuts down cleanly); everything else is in Commands/.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks for a clean shutdown; a second one while it is still running ends the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var console = new CliConsole(Console.Out, Console.Error, Console.In);
return await CliApp.RunAsync(args, new CliContext(console), cancellation.Token);
