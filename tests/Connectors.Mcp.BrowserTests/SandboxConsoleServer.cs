using System.Text.RegularExpressions;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.Tests.Support;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// <c>connectors-mcp serve --http --sandbox</c> (the built executable) on a free loopback port with a temporary home,
/// and the admin token it printed on stderr (<c>Admin console: … (sign in with admin token cma_…)</c>).
/// </summary>
public sealed partial class SandboxConsoleServer : IAsyncDisposable
{
    private readonly TestHome _home;

    private SandboxConsoleServer(TestHome home, HttpServerProcess server, string adminToken)
    {
        _home = home;
        Server = server;
        AdminToken = adminToken;
    }

    public HttpServerProcess Server { get; }

    public string AdminToken { get; }

    /// <summary><c>http://127.0.0.1:PORT/admin</c>.</summary>
    public string ConsoleUrl => new Uri(Server.BaseUrl, "admin").ToString();

    public string Origin => Server.BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>The folder <c>--sandbox</c> resolves to under the test home: the server's database and master key.</summary>
    public string SandboxHome => System.IO.Path.Combine(_home.Path, "sandbox");

    /// <summary>The command line on the server's sandbox home (what <c>--sandbox</c> resolves to), as an operator runs it.</summary>
    public InProcessCli SandboxCli() => new(SandboxHome);

    public static async Task<SandboxConsoleServer> StartAsync()
    {
        var home = new TestHome();
        HttpServerProcess? server = null;
        try
        {
            server = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
            var line = await server.Log.WaitForLineAsync(l => l.Contains("Admin console:", StringComparison.Ordinal)).WaitAsync(Bounded.Startup);
            var match = AdminTokenPattern().Match(line);
            Assert.True(match.Success, $"no admin token in the console line: {line}");
            return new SandboxConsoleServer(home, server, match.Groups["token"].Value);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            home.Dispose();
            throw;
        }
    }

    /// <summary>An MCP client over Streamable HTTP that declares no elicitation, so gated tools queue an approval.</summary>
    public Task<McpClient> ConnectAgentAsync() => Server.ConnectAsync(apiKey: null);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _home.Dispose();
    }

    [GeneratedRegex(@"admin token (?<token>cma_[A-Za-z0-9_-]{43})")]
    private static partial Regex AdminTokenPattern();
}
