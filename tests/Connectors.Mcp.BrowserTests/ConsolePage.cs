using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// The console in one browser tab, as a person uses it (roles and accessible names), plus what the tab did behind the
/// scenes: every request it made, every dialog it opened, console messages and Content-Security-Policy violations.
/// </summary>
public sealed class ConsolePage
{
    /// <summary>Records CSP violations in the page (an init script runs outside the page's CSP).</summary>
    private const string ViolationRecorder =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private ConsolePage(IPage page, SandboxConsoleServer server)
    {
        Page = page;
        Server = server;
        page.Request += (_, request) => Requests.Add(request.Url);
        page.Console += (_, message) => ConsoleMessages.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => PageErrors.Add(error);
        page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    public SandboxConsoleServer Server { get; }

    public ConcurrentBag<string> Requests { get; } = [];

    public ConcurrentBag<string> ConsoleMessages { get; } = [];

    public ConcurrentBag<string> Dialogs { get; } = [];

    /// <summary>Uncaught exceptions in the page's scripts.</summary>
    public ConcurrentBag<string> PageErrors { get; } = [];

    public static async Task<ConsolePage> OpenAsync(IBrowserContext context, SandboxConsoleServer server)
    {
        await context.AddInitScriptAsync(ViolationRecorder);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var console = new ConsolePage(page, server);
        var response = await page.GotoAsync(server.ConsoleUrl);
        Assert.NotNull(response);
        Assert.Equal(200, response!.Status);
        return console;
    }

    public ILocator TokenField => Page.GetByLabel("Admin token");

    public ILocator SignInError => Page.Locator("#sign-in-error");

    public ILocator Inbox => Page.GetByRole(AriaRole.List, new() { Name = "Pending approvals" });

    public ILocator Decisions => Page.GetByRole(AriaRole.Log, new() { Name = "Recent decisions" });

    /// <summary>Every pending-approval card (the list's own items, not the recipient lists inside them).</summary>
    public ILocator Cards => Inbox.Locator("> [role=listitem]");

    /// <summary>The pending-approval card holding this text (e.g. a unique subject).</summary>
    public ILocator Card(string text) => Cards.Filter(new() { HasText = text });

    public async Task SignInAsync(string token)
    {
        await TokenField.FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in with the server's admin token and waits until the inbox is on screen and the event stream is live.</summary>
    public async Task SignInAndWaitUntilLiveAsync()
    {
        await SignInAsync(Server.AdminToken);
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Approvals" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#live-state")).ToHaveTextAsync("Live");
    }

    public async Task<IReadOnlyList<string>> CspViolationsAsync() =>
        await Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
}
