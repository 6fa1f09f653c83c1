using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// The screenshot in the README (docs/images/approvals-inbox.png): the inbox with one pending send. The test always
/// takes it; it writes the file in the repository only when CONNECTORS_MCP_UPDATE_SCREENSHOTS=1
/// (<c>CONNECTORS_MCP_UPDATE_SCREENSHOTS=1 dotnet test tests/Connectors.Mcp.BrowserTests --filter InboxScreenshot</c>).
/// </summary>
public sealed class InboxScreenshotTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    protected override string TimeZone => "Europe/Berlin";

    [BrowserFact]
    public async Task InboxWithAPendingSend_Screenshot()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        // An agent as a user would name it (the card shows the client's name and version as "Requested by").
        await using var agent = await Server.Server.ConnectAsync(apiKey: null, options: new ModelContextProtocol.Client.McpClientOptions
        {
            ClientInfo = new ModelContextProtocol.Protocol.Implementation { Name = "sales-assistant", Version = "2.1.0" },
        });
        await agent.QueueAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("dana.lee@northwind.example"),
            ["cc"] = new JsonArray("finance@acme.com"),
            ["subject"] = "Signed contract and next steps",
            ["body"] = "Hi Dana,\n\nattached is the countersigned contract. Kick-off is on Monday at 10:00;\nI have sent the invitation separately.\n\nBest,\nSam",
        });
        await Assertions.Expect(Console.Card("Signed contract")).ToBeVisibleAsync();

        var png = await Page.ScreenshotAsync(new() { FullPage = true });

        Assert.True(png.Length > 10_000, $"screenshot is only {png.Length} bytes");
        if (Environment.GetEnvironmentVariable("CONNECTORS_MCP_UPDATE_SCREENSHOTS") == "1")
        {
            var target = Path.Combine(RepositoryRoot(), "docs", "images", "approvals-inbox.png");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, png);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Connectors.Mcp.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No Connectors.Mcp.sln above " + AppContext.BaseDirectory);
    }
}
