using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>What a new user sees on start: where the console is, and with <c>--sandbox</c> a token to sign in with.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class AdminConsoleNoticeTests
{
    [Fact]
    public async Task SandboxServer_PrintsTheConsoleAndAFreshSandboxToken_ThatSignsIn()
    {
        using var home = new Support.TestHome();
        await using var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox");

        var line = server.Log.Lines.Single(l => l.StartsWith("Admin console: ", StringComparison.Ordinal));
        var match = SandboxLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/admin", match.Groups["url"].Value);
        var token = match.Groups["token"].Value;
        using var http = new AdminHttp(server.BaseUrl);
        await http.SignInAsync(token);
        using var session = await http.SendAsync(HttpMethod.Get, "admin/api/session");
        Assert.Equal("sandbox", (string)(await AdminHttp.JsonAsync(session, HttpStatusCode.OK))["token_name"]!);
        var workspaces = await http.GetAsync("admin/api/workspaces", token);
        Assert.Equal("demo", (string)workspaces["workspaces"]![0]!["slug"]!);

        // Even where /mcp needs no key (single-workspace sandbox), an admin token is not an MCP credential.
        using var mcp = await http.BearerAsync(HttpMethod.Post, "mcp", token, JsonNode.Parse("""{"jsonrpc":"2.0","id":1,"method":"ping"}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    [Fact]
    public async Task SandboxServer_EachStartMakesANewToken()
    {
        using var home = new Support.TestHome();
        string first;
        await using (var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox"))
        {
            first = SandboxLine().Match(server.Log.Text).Groups["token"].Value;
        }

        await using var again = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
        var second = SandboxLine().Match(again.Log.Text).Groups["token"].Value;

        Assert.NotEqual(first, second);
        using var http = new AdminHttp(again.BaseUrl);
        Assert.NotNull(await http.GetAsync("admin/api/workspaces", second));
    }

    [Fact]
    public async Task SandboxServer_StoppedGracefully_RevokesItsToken()
    {
        using var home = new Support.TestHome();
        string first;
        await using (var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox"))
        {
            first = SandboxLine().Match(server.Log.Text).Groups["token"].Value;
            await server.TerminateAsync();
        }

        await using var again = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
        using var http = new AdminHttp(again.BaseUrl);
        using var refused = await http.BearerAsync(HttpMethod.Get, "admin/api/workspaces", first, null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Server_WithoutSandbox_SaysWhereTheConsoleIs_AndHowToMakeAToken_ShowingNoToken()
    {
        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync("acme");
        await using var server = await HttpServerProcess.StartAsync(installation.Home);

        var line = server.Log.Lines.Single(l => l.StartsWith("Admin console: ", StringComparison.Ordinal));

        Assert.Contains(server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/admin", line);
        Assert.Contains("connectors-mcp admin token create", line);
        Assert.DoesNotContain("cma_", server.Log.Text);
    }

    [GeneratedRegex(@"^Admin console: (?<url>http://\S+/admin) \(sign in with admin token (?<token>cma_[A-Za-z0-9_-]{43})\)$", RegexOptions.Multiline)]
    internal static partial Regex SandboxLine();
}
