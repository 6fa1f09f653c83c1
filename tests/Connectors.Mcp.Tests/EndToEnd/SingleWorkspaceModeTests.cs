using System.Diagnostics;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary><c>serve --http --workspace SLUG</c>: one workspace without API keys on loopback, refused on any other address.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SingleWorkspaceModeTests
{
    [Fact]
    public async Task OnLoopback_ServesTheWorkspaceWithoutAKey()
    {
        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync("acme");
        await installation.CreateWorkspaceAsync("globex");
        await installation.AddGmailAsync("acme", "acme_mail");
        await installation.AddGmailAsync("globex", "globex_mail");
        await using var server = await HttpServerProcess.StartAsync(installation.Home, "--workspace", "acme");
        await using var client = await server.ConnectAsync(apiKey: null);

        var tools = (await client.ListToolsRawAsync()).Select(t => t.Name).ToList();

        Assert.Contains("acme_mail_search_inbox", tools);
        Assert.DoesNotContain(tools, t => t.StartsWith("globex_mail_", StringComparison.Ordinal));
        (await client.CallAsync("acme_mail_search_inbox", """{"max_results":1}""")).AssertSuccess();
    }

    [Fact]
    public async Task OnANonLoopbackAddress_IsRefusedAtStart()
    {
        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync("acme");
        var start = new ProcessStartInfo(ServerExecutable.DotnetHost)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ServerExecutable.DllPath, "serve", "--http", "--workspace", "acme", "--urls", "http://0.0.0.0:5199", "--home", installation.Home })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(Bounded.Startup);

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("loopback", await stderr);
            Assert.Contains("0.0.0.0", await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
