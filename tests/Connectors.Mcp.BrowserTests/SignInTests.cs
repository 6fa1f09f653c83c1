using Connectors.Mcp.Tests.Commands;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>Signing in: the token goes in a password field and a JSON body, never a URL or the page's storage.</summary>
public sealed class SignInTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    [BrowserFact]
    public async Task SignIn_WithTheSandboxToken_ShowsTheInbox_AndTheTokenStaysOutOfUrlsAndStorage()
    {
        await Assertions.Expect(Console.TokenField).ToHaveAttributeAsync("type", "password");

        await Console.SignInAndWaitUntilLiveAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Pending approvals" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("Nothing is waiting for a decision.")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("signed in with token “sandbox”")).ToBeVisibleAsync();
        Assert.DoesNotContain(Server.AdminToken, Page.Url);
        Assert.DoesNotContain(Console.Requests, url => url.Contains(Server.AdminToken, StringComparison.Ordinal) || url.Contains("cma_", StringComparison.Ordinal));
        var storage = await Page.EvaluateAsync<string>("() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })");
        Assert.DoesNotContain("cma_", storage);
        Assert.Equal("", await Console.TokenField.InputValueAsync());
        var cookie = Assert.Single(await Context.CookiesAsync(), c => c.Name == "cmcp_admin");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain("cma_", cookie.Value);
        Assert.Equal("", await Page.EvaluateAsync<string>("() => document.cookie"));
    }

    [BrowserFact]
    public async Task SignIn_WithAWrongToken_ShowsAnError_AndStaysSignedOut()
    {
        await Console.SignInAsync("cma_" + new string('A', 43));

        await Assertions.Expect(Console.SignInError).ToContainTextAsync("not valid");
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Approvals" })).ToBeHiddenAsync();
        Assert.DoesNotContain(await Context.CookiesAsync(), c => c.Name == "cmcp_admin");
    }

    [BrowserFact]
    public async Task SignOut_EndsTheSession_AndAReloadAsksForTheTokenAgain()
    {
        await Console.SignInAndWaitUntilLiveAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Console.TokenField).ToBeVisibleAsync();
        await Page.ReloadAsync();

        await Assertions.Expect(Console.TokenField).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Approvals" })).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task RevokingTheAdminToken_EndsTheOpenSession_AndTheConsoleAsksToSignInAgain()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var cli = Server.SandboxCli();
        var token = Assert.Single(CliHarness.JsonLines(await cli.RunOkAsync("admin", "token", "list", "--json")), t => (string?)t["name"] == "sandbox");

        await cli.RunOkAsync("admin", "token", "revoke", (string)token["id"]!);
        // Any live update makes the page call the API, which now answers 401.
        var agent = await AgentAsync();
        await agent.QueueAsync("gmail_send_email", Agent.Send(Agent.UniqueWord("Revoked"), "Hi.", "a@example.com"));

        await Assertions.Expect(Console.TokenField).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(Console.SignInError).ToContainTextAsync("session ended");
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Approvals" })).ToBeHiddenAsync();
    }
}
