using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Connectors.Mcp.BrowserTests;

/// <summary>
/// The console's defences as the browser sees them: a strict CSP that the page itself never violates, no inline
/// script or style, and text written by strangers (an email body full of HTML) shown as text — nothing runs.
/// </summary>
public sealed class ConsoleSecurityTests(ChromiumFixture chromium) : ConsoleTest(chromium)
{
    private const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    [BrowserFact]
    public async Task EveryConsoleResponse_CarriesTheStrictHeaders_AndAnUnknownAssetIs404()
    {
        using var http = new HttpClient { BaseAddress = Server.Server.BaseUrl };
        foreach (var path in new[] { "admin", "admin/assets/app.js", "admin/assets/app.css", "admin/assets/approvals.js", "admin/assets/nope.js", "admin/assets/..%2Fconnectors-mcp.dll", "admin/assets/sub/app.js", "admin/assets/" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(Csp, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            var expected = path.Contains("nope", StringComparison.Ordinal) || path.Contains("%2F", StringComparison.Ordinal) || path.Contains("sub/", StringComparison.Ordinal) || path.EndsWith('/') ? 404 : 200;
            Assert.True(expected == (int)response.StatusCode, $"{path}: {(int)response.StatusCode}");
        }

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "admin"));
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(Csp, string.Join(";", head.Headers.GetValues("Content-Security-Policy")));

        using var script = await http.GetAsync("admin/assets/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [BrowserFact]
    public async Task TheConsole_LoadsAndWorks_WithoutACspViolation_OrInlineScriptOrStyle()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();
        await agent.QueueAsync("gmail_send_email", Agent.Send(Agent.UniqueWord("Csp"), "Body.", "x@example.com"));
        await Assertions.Expect(Console.Cards).ToHaveCountAsync(1);
        foreach (var tab in new[] { "Connectors", "Audit", "Rules", "Approvals" })
        {
            await Page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 }).ContinueWith(_ => { });
        }

        Assert.Empty(await Console.CspViolationsAsync());
        Assert.DoesNotContain(Console.ConsoleMessages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Console.PageErrors);
        // The only expected console error is the 401 of the session probe before signing in.
        var errors = Console.ConsoleMessages.Where(m => m.StartsWith("error", StringComparison.Ordinal) && !m.Contains("status of 401", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(0, await Page.Locator("script:not([src]), style, [style]").CountAsync());
        Assert.All(Console.Requests, url => Assert.StartsWith(Server.Origin + "/admin", url));
    }

    [BrowserFact]
    public async Task AHostileEmailBody_IsShownAsText_AndNothingInItRuns()
    {
        await Console.SignInAndWaitUntilLiveAsync();
        var agent = await AgentAsync();
        var word = Agent.UniqueWord("Hostile");
        var body = "<script>alert('script')</script>\n<img src=x onerror=\"alert('img');fetch('/pwned')\">\n<a href=\"javascript:alert(1)\">click</a><style>body{display:none}</style>";
        var subject = $"{word} <b>bold</b><img src=/subject-img onerror=alert(2)>";
        await agent.QueueAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("victim@example.com"),
            ["subject"] = subject,
            ["body"] = body,
            ["html_body"] = "<iframe src=\"/admin/assets/app.js\"></iframe><svg onload=alert(3)>",
        });
        var card = Console.Card(word);
        await Assertions.Expect(card).ToBeVisibleAsync();

        Assert.Equal(body, await card.Locator("dd > pre.text-block").First.TextContentAsync());
        await Assertions.Expect(card.GetByText(subject, new() { Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await card.Locator("script, img, a, style, iframe, svg, b").CountAsync());
        await Page.WaitForTimeoutAsync(500);
        Assert.Empty(Console.Dialogs);
        Assert.DoesNotContain(Console.Requests, url => url.Contains("pwned", StringComparison.Ordinal) || url.Contains("subject-img", StringComparison.Ordinal) || url.EndsWith("/x", StringComparison.Ordinal));
        Assert.Empty(await Console.CspViolationsAsync());
        await Assertions.Expect(Page.Locator("body")).ToBeVisibleAsync();
    }
}
