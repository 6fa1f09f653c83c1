namespace Connectors.Mcp.Hosting;

/// <summary>Runs the MCP server over stdio or HTTP until cancelled. Returns the process exit code.</summary>
public static class ServeHost
{
    public static Task<int> RunAsync(ServeRequest request, TextWriter stderr, CancellationToken cancellationToken)
    {
        _ = request;
        _ = stderr;
        _ = cancellationToken;
        throw new NotImplementedException("serve is being written in Hosting/.");
    }
}
