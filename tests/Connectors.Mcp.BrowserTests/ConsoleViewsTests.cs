using Connectors.Mcp.Tests.EndToEnd;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>The other views: connector health with Reconnect, the audit viewer with filters and chain status, rules.</summary>
public sealed class ConsoleViewsTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    [BrowserFact]
    public async Task Connectors_ShowTheSandboxConnectors_AndReconnectOpensTheProvidersSignInPage()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Connectors" }).ClickAsync();

        var table = Page.GetByRole(AriaRole.Table, new() { Name = "Connectors of demo" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "gmail" }).First).ToContainTextAsync("active");
        await Assertions.Expect(table).ToContainTextAsync("google_calendar");
        var popup = await Context.RunAndWaitForPageAsync(() => table.GetByRole(AriaRole.Button, new() { Name = "Reconnect gmail" }).ClickAsync());

        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "Open the sign-in page" })).ToHaveAttributeAsync("rel", "noopener noreferrer");
        // The sandbox's fake Google consents at once and sends the new tab back to this server's /oauth/callback,
        // which stores the new tokens: the whole connect flow ran from one click.
        await popup.WaitForURLAsync(new Regex("/oauth/callback\\?"));
        await Assertions.Expect(popup.GetByText("Connected", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.Null(await popup.EvaluateAsync<object?>("() => window.opener"));
        await popup.CloseAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "gmail" }).First).ToContainTextAsync("active");
    }

    [BrowserFact]
    public async Task Audit_ShowsTheAgentsCalls_Filtered_WithTheChainVerified()
    {
        var agent = await AgentAsync();
        await agent.QueueAsync("gmail_send_email", Agent.Send(Agent.UniqueWord("Audit"), "Body.", "a@example.com"));
        await agent.CallAsync("gmail_list_labels");
        await Console.SignInAndWaitUntilLiveAsync();

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Audit" }).ClickAsync();
        var table = Page.GetByRole(AriaRole.Table, new() { Name = "Audit entries" });
        await Assertions.Expect(table).ToContainTextAsync("gmail_send_email");
        await Assertions.Expect(table).ToContainTextAsync("pending_approval");
        await Assertions.Expect(table).ToContainTextAsync("gmail_list_labels");
        await Assertions.Expect(Page.GetByText("Hash chain intact")).ToBeVisibleAsync();

        var filters = Page.GetByRole(AriaRole.Form, new() { Name = "Audit filters" });
        await filters.GetByLabel("Tool").FillAsync("gmail_list_labels");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(table).Not.ToContainTextAsync("gmail_send_email");
        await Assertions.Expect(table).ToContainTextAsync("gmail_list_labels");

        // A new call shows up live while the view is open.
        await filters.GetByLabel("Tool").FillAsync("");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await agent.CallAsync("google_calendar_list_calendars");
        await Assertions.Expect(table).ToContainTextAsync("google_calendar_list_calendars");
    }

    [BrowserFact]
    public async Task ARuleAddedInTheConsole_DecidesTheAgentsNextCall_AndCanBeRemoved()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Rules" }).ClickAsync();
        var form = Page.GetByRole(AriaRole.Form, new() { Name = "Add a rule" });
        var rules = Page.GetByRole(AriaRole.Table, new() { Name = "Rules" });

        var domains = Page.GetByRole(AriaRole.Form, new() { Name = "Workspace domains" });
        await domains.GetByRole(AriaRole.Textbox).FillAsync("acme.com");
        await domains.GetByRole(AriaRole.Button, new() { Name = "Save domains" }).ClickAsync();
        await form.GetByLabel("Tool pattern").FillAsync("gmail_send_email");
        await form.GetByLabel("When").FillAsync("recipients-all-in:workspace");
        await form.GetByLabel("Effect").SelectOptionAsync("auto");
        await form.GetByLabel("Note").FillAsync("own domain goes out");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();

        var row = rules.GetByRole(AriaRole.Row).Filter(new() { HasText = "recipients-all-in:workspace" });
        await Assertions.Expect(row).ToContainTextAsync("own domain goes out");
        await Assertions.Expect(row).ToContainTextAsync("auto");
        await Assertions.Expect(domains.GetByRole(AriaRole.Textbox)).ToHaveValueAsync("acme.com");

        // The agent's mail to the workspace's own domain now runs at once; mail outside it still waits for a person.
        var agent = await AgentAsync();
        var inside = Agent.UniqueWord("Inside");
        var sent = (await agent.CallAsync("gmail_send_email", Agent.Send($"{inside} notes", "Hi.", "bob@acme.com"))).AssertSuccess().Structured();
        Assert.NotNull(sent["id"]);
        var outside = Agent.UniqueWord("Outside");
        await agent.QueueAsync("gmail_send_email", Agent.Send($"{outside} notes", "Hi.", "eve@example.com"));
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Audit" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Audit entries" })).ToContainTextAsync(new Regex(@"rule:rul_\w+:auto"));

        // The console's own changes are on record for its admin token, with the rule's text and the domains.
        var changes = Page.GetByRole(AriaRole.Table, new() { Name = "Operator changes" });
        var ruleAdded = changes.GetByRole(AriaRole.Row).Filter(new() { HasText = "rule.add" });
        await Assertions.Expect(ruleAdded).ToContainTextAsync("admin:sandbox");
        await Assertions.Expect(ruleAdded).ToContainTextAsync("#1 gmail_send_email when recipients-all-in:workspace → auto (own domain goes out)");
        await Assertions.Expect(changes.GetByRole(AriaRole.Row).Filter(new() { HasText = "domains.set" })).ToContainTextAsync("acme.com");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Rules" }).ClickAsync();

        await form.GetByLabel("Tool pattern").FillAsync("gmail_send_email");
        await form.GetByLabel("When").FillAsync("no-such-condition");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#rules-error")).ToContainTextAsync("Rule not added");

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove rule 1" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await agent.QueueAsync("gmail_send_email", Agent.Send($"{Agent.UniqueWord("After")} notes", "Hi.", "bob@acme.com"));
    }

    [BrowserFact]
    public async Task APolicyChangedInTheConsole_AppliesToTheAgentsNextCall()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Rules" }).ClickAsync();
        var policies = Page.GetByRole(AriaRole.Table, new() { Name = "Policies" });
        var labels = policies.GetByRole(AriaRole.Combobox, new() { Name = "Policy of gmail_list_labels" });
        await Assertions.Expect(labels).ToHaveValueAsync("auto");

        await labels.SelectOptionAsync("deny");

        await Assertions.Expect(policies.GetByRole(AriaRole.Row).Filter(new() { HasText = "gmail_list_labels" })).ToContainTextAsync("set for this workspace");
        var agent = await AgentAsync();
        var refused = await agent.CallAsync("gmail_list_labels");
        Assert.True(refused.IsError, refused.Text());
        Assert.Contains("den", refused.Text(), StringComparison.OrdinalIgnoreCase);
    }
}
