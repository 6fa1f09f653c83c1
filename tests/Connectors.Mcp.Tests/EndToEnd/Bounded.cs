namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>Upper bounds for every wait in the end-to-end tests, so a hung server fails a test instead of hanging CI.</summary>
public static class Bounded
{
    /// <summary>Starting a child server (dotnet start-up, migrations, Kestrel) or a client handshake.</summary>
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);

    /// <summary>One MCP request and its response.</summary>
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(30);

    /// <summary>Stopping a child process after a kill.</summary>
    public static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(10);
}
