using Connectors.Mcp.Tests.Commands;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// A connector's published actions in the console: one checkbox per action (read-only and writes marked); unchecking
/// and saving narrows what the agent's tools/list shows over MCP, and checking everything again publishes all.
/// </summary>
public sealed class ConsoleToolsetsTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    [BrowserFact]
    public async Task ChooseTools_UncheckWrites_Save_TheAgentNoLongerListsThem()
    {
        var agent = await AgentAsync();
        Assert.Contains(await agent.ListToolsRawAsync(), t => t.Name == "gmail_send_email");
        await Console.SignInAndWaitUntilLiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Connectors" }).ClickAsync();
        var table = Page.GetByRole(AriaRole.Table, new() { Name = "Connectors of demo" });

        await table.GetByRole(AriaRole.Button, new() { Name = "Choose the tools of gmail" }).ClickAsync();
        var picker = table.GetByRole(AriaRole.Group, new() { Name = "Tools gmail publishes" });
        await Assertions.Expect(picker.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(6);
        await Assertions.Expect(picker.Locator("label", new() { HasText = "gmail_search_inbox" })).ToContainTextAsync("read-only");
        await Assertions.Expect(picker.Locator("label", new() { HasText = "gmail_send_email" })).ToContainTextAsync("writes");
        string[] writes = ["gmail_send_email", "gmail_create_draft", "gmail_modify_labels"];
        foreach (var write in writes)
        {
            await picker.GetByRole(AriaRole.Checkbox, new() { Name = write }).UncheckAsync();
        }

        await picker.GetByRole(AriaRole.Button, new() { Name = "Save tools" }).ClickAsync();

        await Assertions.Expect(picker).ToHaveCountAsync(0);
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "gmail" }).First).ToContainTextAsync("3 chosen");
        var tools = (await agent.ListToolsRawAsync()).Select(t => t.Name).Where(n => n.StartsWith("gmail_", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["gmail_get_message", "gmail_list_labels", "gmail_search_inbox"], tools);
        var listed = CliHarness.JsonLines(await Server.SandboxCli().RunOkAsync("connector", "list", "demo", "--json")).Single(c => (string)c["name"]! == "gmail");
        Assert.Equal(["search_inbox", "get_message", "list_labels"], listed["published_actions"]!.AsArray().Select(a => (string)a!));

        await table.GetByRole(AriaRole.Button, new() { Name = "Choose the tools of gmail" }).ClickAsync();
        // The picker opens once its actions are loaded; the boxes reflect the saved choice.
        await Assertions.Expect(picker.GetByRole(AriaRole.Checkbox, new() { Name = "gmail_send_email" })).Not.ToBeCheckedAsync();
        foreach (var write in writes)
        {
            await picker.GetByRole(AriaRole.Checkbox, new() { Name = write }).CheckAsync();
        }

        await picker.GetByRole(AriaRole.Button, new() { Name = "Save tools" }).ClickAsync();

        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "gmail" }).First).ToContainTextAsync("all");
        Assert.Contains(await agent.ListToolsRawAsync(), t => t.Name == "gmail_send_email");
        Assert.Empty(Console.PageErrors);
        Assert.Empty(await Console.CspViolationsAsync());
    }
}
