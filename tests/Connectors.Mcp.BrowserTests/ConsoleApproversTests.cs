using System.Collections.Concurrent;
using Connectors.Mcp.Tests.Commands;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Playwright;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.BrowserTests;

/// <summary>Who may approve, in the console: shown per workspace, set in the Rules view, applied to the agent's next call.</summary>
public sealed class ConsoleApproversTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    [BrowserFact]
    public async Task Approvers_ShownAsTheHttpDefault_SetToClientInTheConsole_TheAgentIsAskedNext()
    {
        var asked = new ConcurrentQueue<string>();
        await using var agent = await Server.Server.ConnectAsync(apiKey: null, options: ClientOptions.Eliciting((request, _) =>
        {
            asked.Enqueue(request?.Message ?? "");
            return ValueTask.FromResult(new ElicitResult { Action = "accept" });
        }));
        // The sandbox over HTTP: an auto-accepting client is not asked; the send waits for a person.
        await agent.QueueAsync("gmail_send_email", Agent.Send($"{Agent.UniqueWord("Before")} notes", "Hi.", "bob@example.com"));
        Assert.Empty(asked);
        await Console.SignInAndWaitUntilLiveAsync();

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Connectors" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Workspace demo" })).ToContainTextAsync("approvers: person (this server's default)");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Rules" }).ClickAsync();
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Who may approve" });
        await Assertions.Expect(Page.Locator("#approvers-now")).ToHaveTextAsync("Now: person (this server's default).");
        await Assertions.Expect(form.GetByLabel("Approvers")).ToHaveValueAsync("default");

        await form.GetByLabel("Approvers").SelectOptionAsync("client");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save approvers" }).ClickAsync();

        await Assertions.Expect(Page.Locator("#approvers-now")).ToHaveTextAsync("Now: client (set for this workspace).");
        var listed = Assert.Single(CliHarness.JsonLines(await Server.SandboxCli().RunOkAsync("workspace", "list", "--json")));
        Assert.Equal("client", (string)listed["approvers"]!);
        var sent = (await agent.CallAsync("gmail_send_email", Agent.Send($"{Agent.UniqueWord("After")} notes", "Hi.", "bob@example.com"))).AssertSuccess().Structured();
        Assert.NotNull(sent["id"]);
        Assert.Single(asked);
    }
}
