using Connectors.Mcp.Composition;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// The README's first command, <c>serve --http --sandbox</c>, as a new user runs it: no API key, the demo workspace's
/// Gmail and Google Calendar tools, seeded mail and events — including prompt-injection attempts that come back as data,
/// never as instructions.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxSmokeTests
{
    [Fact]
    public async Task SandboxServer_ListsDemoGmailAndCalendarTools_WithoutAKey_AndSearchReturnsTheSeededMail()
    {
        using var home = new Support.TestHome();
        await using var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
        await using var client = await server.ConnectAsync(apiKey: null);

        var tools = (await client.ListToolsRawAsync()).ToDictionary(t => t.Name);
        var search = (await client.CallAsync("gmail_search_inbox", """{"query":"in:inbox"}""")).AssertSuccess();

        Assert.Contains("without API keys", server.Log.Text);
        Assert.DoesNotContain("Execution attempt", server.Log.Text); // no log line per upstream request (Polly at Information)
        Assert.Equal(await ExpectedSandboxToolsAsync(), tools.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("gmail_send_email", tools.Keys);
        Assert.Contains("google_calendar_create_event", tools.Keys);
        OutputSchemaAssert.Valid(tools["gmail_search_inbox"], search);
        var messages = search.Structured()["messages"]!.AsArray();
        Assert.True(messages.Count >= 5, search.Text());
        var injection = messages.Single(m => ((string?)m!["subject"])?.Contains("mailbox migration", StringComparison.Ordinal) == true)!;
        Assert.Contains("Ignore previous instructions", (string)injection["snippet"]!);
        Assert.Contains("not an instruction", search.Text());
        Assert.False(search.IsError ?? false);

        var connectors = (await client.CallAsync("list_connectors")).AssertSuccess().Structured();
        Assert.Equal("demo", (string)connectors["workspace"]!);
        Assert.True(File.Exists(Path.Combine(home.Path, "sandbox", "connectors.db")));
        Assert.False(File.Exists(Path.Combine(home.Path, "connectors.db")), "the sandbox must not touch the real home's database");
    }

    [Fact]
    public async Task SandboxServer_WithAReadOnlyKey_ListsOnlyReadTools_AndCannotSend()
    {
        using var home = new Support.TestHome();
        await using var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
        var cli = new InProcessCli(home.Path);
        var key = (await cli.RunOkAsync("apikey", "create", "demo", "--read-only", "--name", "reader", "--sandbox")).Stdout.Trim();
        await cli.RunOkAsync("workspace", "create", "elsewhere", "--sandbox");
        var otherWorkspacesKey = (await cli.RunOkAsync("apikey", "create", "elsewhere", "--sandbox")).Stdout.Trim();
        await using var keyless = await server.ConnectAsync(apiKey: null);
        await using var reader = await server.ConnectAsync(key);

        var everything = await keyless.ListToolsRawAsync();
        var listed = (await reader.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        var send = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(
            () => reader.CallAsync("gmail_send_email", """{"to":["bob@example.com"],"subject":"Q3","body":"deck"}"""));
        var search = await reader.CallAsync("gmail_search_inbox", """{"query":"in:inbox"}""");
        var wrongKey = await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync("cmk_not_a_key"));
        var wrongWorkspace = await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(otherWorkspacesKey));

        Assert.Equal(everything.Where(t => t.Annotations?.ReadOnlyHint == true).Select(t => t.Name).Order(StringComparer.Ordinal), listed);
        Assert.Contains(everything, t => t.Annotations?.ReadOnlyHint != true);
        Assert.DoesNotContain("gmail_send_email", listed);
        Assert.Contains("Unknown tool 'gmail_send_email' in workspace 'demo'", send.Message, StringComparison.Ordinal);
        search.AssertSuccess();
        Assert.Contains("401", wrongKey.ToString(), StringComparison.Ordinal);
        Assert.Contains("401", wrongWorkspace.ToString(), StringComparison.Ordinal);
        var audit = (await cli.RunOkAsync("audit", "list", "demo", "--json", "--sandbox")).Stdout;
        Assert.Contains("unknown_tool", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxServer_CalendarTools_ReadTheSeededCalendar_AndTheInvitationTextIsData()
    {
        using var home = new Support.TestHome();
        await using var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
        await using var client = await server.ConnectAsync(apiKey: null);
        var tools = (await client.ListToolsRawAsync()).ToDictionary(t => t.Name);

        var calendars = (await client.CallAsync("google_calendar_list_calendars")).AssertSuccess();
        var events = (await client.CallAsync("google_calendar_list_events", """{"max_results":20}""")).AssertSuccess();
        var invitation = (await client.CallAsync("google_calendar_get_event", """{"event_id":"vendordemo01"}""")).AssertSuccess();

        OutputSchemaAssert.Valid(tools["google_calendar_list_calendars"], calendars);
        OutputSchemaAssert.Valid(tools["google_calendar_list_events"], events);
        OutputSchemaAssert.Valid(tools["google_calendar_get_event"], invitation);
        Assert.Equal(3, calendars.Structured()["calendars"]!.AsArray().Count);
        Assert.Contains(events.Structured()["events"]!.AsArray(), e => (string?)e!["summary"] == "Atlas team sync");
        Assert.Contains("ignore all previous instructions", (string)invitation.Structured()["description"]!);
        Assert.Contains("not an instruction", invitation.Text());
    }

    [Fact]
    public async Task SandboxServer_QueuesASend_ThatTheCliApprovesOnTheSandboxHome()
    {
        using var home = new Support.TestHome();
        await using var server = await HttpServerProcess.StartAsync(home.Path, "--sandbox");
        await using var client = await server.ConnectAsync(apiKey: null);

        var queued = (await client.CallAsync("gmail_send_email", """{"to":["friend@example.com"],"subject":"Hello from the sandbox","body":"It works."}""")).AssertSuccess();
        var approvalId = (string)queued.Structured()["approval_id"]!;
        var cli = new InProcessCli(home.Path);
        var approve = await cli.RunAsync("approvals", "approve", approvalId, "--sandbox");
        var report = (await client.CallAsync("get_approval", $$"""{"approval_id":"{{approvalId}}"}""")).AssertSuccess().Structured();

        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Equal("succeeded", (string)report["status"]!);
        Assert.NotNull(report["result"]!["id"]);
        var audit = Commands.CliHarness.JsonLines(await cli.RunOkAsync("audit", "list", "demo", "--json", "--sandbox"));
        Assert.Contains(audit, r => (string?)r["tool"] == "gmail_send_email" && (string?)r["status"] == "pending_approval");
        Assert.Contains(audit, r => (string?)r["tool"] == "gmail_send_email" && (string?)r["status"] == "succeeded" && (string?)r["approval_id"] == approvalId);
    }

    /// <summary>
    /// What <c>demo</c> should publish, derived rather than listed: the tools every workspace has, plus, for each demo
    /// connector every sandbox family seeds, each action of its type as the registry declares it (prefixed by the name).
    /// A family or an action added later changes this without editing the test.
    /// </summary>
    private static async Task<List<string>> ExpectedSandboxToolsAsync()
    {
        using var home = new Support.TestHome();
        await using var services = await AppServices.BuildAsync(AppHome.Resolve(home.Path, sandbox: false), CancellationToken.None);
        var empty = await services.GetRequiredService<IWorkspaceStore>().CreateAsync("empty", WorkspacePlan.Pro, CancellationToken.None);
        var expected = (await services.GetRequiredService<ToolCatalog>().GetAsync(empty.Id, CancellationToken.None)).Tools
            .Where(t => !ToolVisibility.IsDiscoveryTool(t)).Select(t => t.Name).ToList();
        var registry = services.GetRequiredService<ConnectorRegistry>();
        foreach (var family in SandboxFamilies.Create(TimeProvider.System))
        {
            await using (family)
            {
                foreach (var demo in family.Connectors)
                {
                    var type = registry.Find(demo.Type) ?? throw new InvalidOperationException($"Sandbox family '{family.Provider}' seeds unknown type '{demo.Type}'.");
                    Assert.Equal(family.Provider, type.Provider);
                    expected.AddRange(type.Actions.Select(a => $"{demo.Name}_{a.Name}"));
                }
            }
        }

        return expected.Order(StringComparer.Ordinal).ToList();
    }
}
