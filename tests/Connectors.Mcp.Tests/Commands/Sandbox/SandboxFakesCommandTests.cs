using System.Net;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.Tests.MultiInstance;
using Connectors.Mcp.Tests.Support;

namespace Connectors.Mcp.Tests.Commands.Sandbox;

/// <summary>
/// <c>sandbox fakes</c>: the built executable seeds the workspace in the database it is given (connectors pointed at
/// its loopback fakes, tokens stored) and keeps the fakes up; its status endpoint counts what reached them and is
/// loopback-only; a database with real connectors is refused before anything is written.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxFakesCommandTests
{
    [Fact]
    public async Task Fakes_SeedTheWorkspace_PointedAtThemselves_AndCountWhatReachesThem()
    {
        using var home = new TestHome();
        await using var fakes = await SandboxFakesProcess.StartAsync(["--home", home.Path, "--workspace", "team"]);
        var cli = new InProcessCli(home.Path);

        var connectors = CliHarness.JsonLines(await cli.RunOkAsync("connector", "list", "team", "--json"));
        var status = await fakes.StatusAsync();

        Assert.Equal(["gmail", "google_calendar", "outlook_calendar", "outlook_mail", "zoom"], connectors.Select(c => (string)c["name"]!).Order(StringComparer.Ordinal));
        Assert.All(connectors, c => Assert.Equal("active", (string)c["credential_state"]!));
        Assert.Contains(fakes.Log.Lines, line => line.StartsWith("google: gmail, google_calendar -> http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Equal("team", (string)status["workspace"]!);
        Assert.Equal(0, (int)status["google"]!["token_requests"]!);
        Assert.Empty(status["google"]!["sent_subjects"]!.AsArray());

        // A server on the same database uses the seeded tokens against the same fakes; an expired token costs one refresh.
        var apiKey = (await cli.RunOkAsync("apikey", "create", "team")).Stdout.Trim();
        await using var server = await HttpServerProcess.StartAsync(home.Path);
        await using var client = await server.ConnectAsync(apiKey);
        (await client.CallAsync("gmail_list_labels")).AssertSuccess();
        await fakes.ExpireAccessTokensAsync();
        (await client.CallAsync("gmail_list_labels")).AssertSuccess();
        (await client.CallAsync("gmail_list_labels")).AssertSuccess();

        var after = await fakes.StatusAsync();
        Assert.Equal(1, (int)after["google"]!["token_requests"]!);
        Assert.DoesNotContain("access_token", after.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListenPortBase_PutsTheFakesAndTheStatusOnFixedPorts_SoARestartKeepsTheUrls()
    {
        using var home = new TestHome();
        var portBase = FreePortBlock(4);
        string[] expected =
        [
            $"google: gmail, google_calendar -> http://127.0.0.1:{portBase}/",
            $"microsoft: outlook_mail, outlook_calendar -> http://127.0.0.1:{portBase + 1}/v1.0",
            $"zoom: zoom -> http://127.0.0.1:{portBase + 2}/v2/",
            $"status: http://127.0.0.1:{portBase + 3}/",
        ];

        for (var start = 0; start < 2; start++)
        {
            await using var fakes = await SandboxFakesProcess.StartAsync(["--home", home.Path, "--listen-port-base", $"{portBase}"]);
            Assert.All(expected, line => Assert.Contains(line, fakes.Log.Lines));
            Assert.Equal("demo", (string)(await fakes.StatusAsync())["workspace"]!);
        }
    }

    [Fact]
    public async Task StatusEndpoint_RefusesAHostNameThatIsNotLoopback()
    {
        using var home = new TestHome();
        await using var fakes = await SandboxFakesProcess.StartAsync(["--home", home.Path]);
        var statusUrl = fakes.Log.Lines.Single(l => l.StartsWith("status: ", StringComparison.Ordinal))["status: ".Length..];
        using var http = new HttpClient { Timeout = Bounded.Call };
        using var rebound = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(statusUrl), "expire-access-tokens"));
        rebound.Headers.Host = "attacker.example";

        using var response = await http.SendAsync(rebound);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("65533")]
    [InlineData("-1")]
    public async Task ListenPortBase_OutsideTheRange_IsAUsageError(string portBase)
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync("sandbox", "fakes", "--listen-port-base", portBase).WaitAsync(Bounded.Call);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--listen-port-base must be between 1024 and 65532", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseWithARealConnector_IsRefused_AndNothingIsSeeded()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, (await cli.RunAsync("workspace", "create", "acme")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("connector", "add", "acme", "gmail", "--name", "work_mail")).ExitCode);

        var result = await cli.RunAsync("sandbox", "fakes").WaitAsync(Bounded.Call);
        var workspaces = await cli.RunAsync("workspace", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("acme/work_mail -> the provider's API", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("demo", workspaces.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The first port of <paramref name="count"/> consecutive free loopback ports (checked, then released).</summary>
    private static int FreePortBlock(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var first = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (first + count <= 65535 && Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
