using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// A busy workspace must not hide a quiet one's approval: with 205 waiting in <c>demo</c> and one (older) in
/// <c>quiet</c>, the inbox says how many wait in each, one click shows quiet's, and "Show more" pages down to it.
/// </summary>
public sealed class ApprovalInboxPagingTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    private const int Busy = 205;

    [BrowserFact]
    public async Task BusyWorkspace_With205Waiting_QuietWorkspacesApproval_IsCountedAndOneClickAway_AndPagedTo()
    {
        await Server.SandboxCli().RunOkAsync("workspace", "create", "quiet");
        var word = Agent.UniqueWord("Quiet");
        await SeededApprovals.CreateAsync(Server.SandboxHome, "quiet", 1, word);
        await SeededApprovals.CreateAsync(Server.SandboxHome, "demo", Busy, "Busy");
        await Console.SignInAndWaitUntilLiveAsync();
        var byWorkspace = Page.GetByRole(AriaRole.Group, new() { Name = "Pending approvals by workspace" });
        var quietCard = Console.Card(word);

        await Assertions.Expect(byWorkspace.GetByRole(AriaRole.Button, new() { Name = "demo" })).ToHaveTextAsync($"demo {Busy}");
        await Assertions.Expect(byWorkspace.GetByRole(AriaRole.Button, new() { Name = "quiet" })).ToHaveTextAsync("quiet 1");
        await Assertions.Expect(byWorkspace.GetByRole(AriaRole.Button, new() { Name = "All workspaces" })).ToHaveTextAsync($"All workspaces {Busy + 1}");
        await Assertions.Expect(Page.Locator("#pending-count")).ToHaveTextAsync($"{Busy + 1}");
        await Assertions.Expect(Console.Cards).ToHaveCountAsync(50);
        await Assertions.Expect(Page.Locator("#approvals-shown")).ToHaveTextAsync($"Showing the newest 50 of {Busy + 1} pending.");
        await Assertions.Expect(quietCard).ToHaveCountAsync(0);

        await byWorkspace.GetByRole(AriaRole.Button, new() { Name = "quiet" }).ClickAsync();

        await Assertions.Expect(quietCard).ToBeVisibleAsync();
        await Assertions.Expect(quietCard).ToContainTextAsync("quiet");
        await Assertions.Expect(Console.Cards).ToHaveCountAsync(1);
        await Assertions.Expect(byWorkspace.GetByRole(AriaRole.Button, new() { Name = "quiet" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(byWorkspace.GetByRole(AriaRole.Button, new() { Name = "quiet" })).ToBeFocusedAsync(); // redrawn in place

        // Back to every workspace: "Show more" pages on until the oldest, quiet's, is on screen too.
        await byWorkspace.GetByRole(AriaRole.Button, new() { Name = "All workspaces" }).ClickAsync();
        await Assertions.Expect(Console.Cards).ToHaveCountAsync(50);
        var more = Page.GetByRole(AriaRole.Button, new() { Name = "Show 50 more" });
        for (var shown = 100; shown <= 200; shown += 50)
        {
            await more.ClickAsync();
            await Assertions.Expect(Console.Cards).ToHaveCountAsync(shown);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Show 6 more" }).ClickAsync();
        await Assertions.Expect(Console.Cards).ToHaveCountAsync(Busy + 1);
        await Assertions.Expect(quietCard).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#approvals-more")).ToBeHiddenAsync();
    }
}
