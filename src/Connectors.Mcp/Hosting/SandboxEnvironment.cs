namespace Connectors.Mcp.Hosting;

/// <summary>The local provider fakes and the seeded <c>demo</c> workspace behind <c>--sandbox</c>.</summary>
public sealed class SandboxEnvironment : IAsyncDisposable
{
    public const string WorkspaceSlug = "demo";

    public static Task<SandboxEnvironment> StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _ = services;
        _ = cancellationToken;
        throw new NotImplementedException("PLACEHOLDER until the fake Gmail lands.");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
