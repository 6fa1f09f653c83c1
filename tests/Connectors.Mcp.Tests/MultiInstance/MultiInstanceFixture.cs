namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// One cluster per test class, started by the first test that gets past the requirement checks (a fixture cannot
/// skip), kept for the class's other tests and stopped at the end.
/// </summary>
public sealed class MultiInstanceFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MultiInstanceCluster? _cluster;

    /// <summary>Skips (or fails under CI) without nginx or the backend; else the running cluster.</summary>
    public async Task<MultiInstanceCluster> RequireAsync(MultiInstanceBackend backend)
    {
        MultiInstanceRequirements.RequireBackend(backend);
        var nginx = MultiInstanceRequirements.RequireNginx();
        await _gate.WaitAsync();
        try
        {
            return _cluster ??= await MultiInstanceCluster.StartAsync(backend, nginx);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _gate.Dispose();
    }
}
