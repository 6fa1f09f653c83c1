using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// <c>bob@exаmple.com</c> with a Cyrillic <c>а</c> looks like example.com: the card says plainly that it is not, and
/// shows the address as mail servers see it (<c>bob@xn--exmple-4nf.com</c>), as text.
/// </summary>
public sealed class RecipientDomainWarningTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    private const string CyrillicAddress = "bob@ex\u0430mple.com";

    [BrowserFact]
    public async Task ACyrillicLookAlikeRecipient_IsFlaggedOnTheCard_WithItsPunycodeForm()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();
        var word = Agent.UniqueWord("Lookalike");
        await agent.QueueAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray(CyrillicAddress, "alice@example.com"),
            ["subject"] = $"{word} invoice",
            ["body"] = "Please pay.",
        });
        var card = Console.Card(word);

        await Assertions.Expect(card.GetByRole(AriaRole.List, new() { Name = "Recipient domain warnings" })).ToHaveTextAsync(
            "⚠ ex\u0430mple.com is an internationalised domain (xn--exmple-4nf.com), mixing Latin and Cyrillic letters; it is not example.com.");
        var to = card.GetByRole(AriaRole.List, new() { Name = "To" });
        await Assertions.Expect(to.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "xn--" })).ToHaveTextAsync($"⚠ {CyrillicAddress} (bob@xn--exmple-4nf.com)");
        await Assertions.Expect(to.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "alice" })).ToHaveTextAsync("alice@example.com");
        Assert.Contains("(bob@xn--exmple-4nf.com)", await card.Locator("pre.summary-text").TextContentAsync());
    }
}
