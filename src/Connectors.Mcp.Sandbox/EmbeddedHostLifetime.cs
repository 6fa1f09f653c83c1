using Microsoft.Extensions.Hosting;

namespace Connectors.Mcp.Sandbox;

/// <summary>
/// The lifetime of a fake hosted inside another process: it ignores Ctrl+C and SIGTERM (the default console lifetime
/// would react to them) and is started and stopped only by its owner.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
