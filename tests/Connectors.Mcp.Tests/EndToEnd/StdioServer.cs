using ModelContextProtocol.Client;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connectors-mcp serve --stdio --workspace SLUG --home HOME</c> as a child process, driven by the SDK's
/// <see cref="StdioClientTransport"/> exactly as a desktop client does it. Disposing the client ends the process.
/// </summary>
public sealed class StdioServer : IAsyncDisposable
{
    private StdioServer(McpClient client, ServerLog log)
    {
        Client = client;
        Log = log;
    }

    public McpClient Client { get; }

    /// <summary>What the server wrote to stderr.</summary>
    public ServerLog Log { get; }

    /// <param name="extraArguments">More options for <c>serve</c>, e.g. <c>--sandbox --read-only</c>.</param>
    public static async Task<StdioServer> StartAsync(string home, string workspace, McpClientOptions? options = null, params string[] extraArguments)
    {
        var log = new ServerLog();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = $"connectors-mcp ({workspace})",
            Command = ServerExecutable.DotnetHost,
            Arguments = [ServerExecutable.DllPath, "serve", "--stdio", "--workspace", workspace, "--home", home, .. extraArguments],
            StandardErrorLines = log.Add,
            ShutdownTimeout = Bounded.Shutdown,
        });
        using var timeout = new CancellationTokenSource(Bounded.Startup);
        var client = await McpClient.CreateAsync(transport, options ?? ClientOptions.Plain(), loggerFactory: null, timeout.Token).WaitAsync(Bounded.Startup);
        return new StdioServer(client, log);
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync().AsTask().WaitAsync(Bounded.Shutdown);
}
