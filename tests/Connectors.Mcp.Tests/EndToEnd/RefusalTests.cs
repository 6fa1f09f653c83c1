using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Pipeline;
using Connectors.Mcp.Hosting;
using ModelContextProtocol;
using Xunit.Abstractions;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Refusals against the real <c>serve --http</c> process: an unknown tool is answered -32602 and logged once, in one
/// short line without a stack trace; with the workspace's bucket empty every call — unknown tool, invalid arguments —
/// is refused as rate limited, and the audit log gains the refusal budget's rows, not one per call.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RefusalTests(SingleWorkspaceHttpFixture fixture, ITestOutputHelper output) : IClassFixture<SingleWorkspaceHttpFixture>, IDisposable
{
    private readonly RawMcpHttp _raw = new(fixture.Server.McpUrl);

    [Fact]
    public async Task UnknownToolWithAThreeMegabyteName_IsAnswered32602_AndLoggedOnceInOneShortLineWithoutAStackTrace()
    {
        var session = await _raw.OpenSessionAsync(fixture.ApiKey);
        var name = "nope_" + new string('x', 3 * 1024 * 1024);
        var before = fixture.Server.Log.Lines.Count;

        using var response = await _raw.PostAsync(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + name + "\",\"arguments\":{}}}", fixture.ApiKey, session);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Contains("\"code\":-32602", body, StringComparison.Ordinal);
        Assert.True(body.Length < 2_000, $"the error is {body.Length} characters");
        // The first line naming this tool (whoever logs it), then a later request, so that whatever else the refusal
        // logged has arrived too.
        var refusal = await fixture.Server.Log.WaitForLineAsync(l => l.Contains("nope_xxx", StringComparison.Ordinal)).WaitAsync(Bounded.Call);
        using (var list = await _raw.PostAsync(RawMcpHttp.ToolsListBody(8), fixture.ApiKey, session))
        {
            Assert.True(list.IsSuccessStatusCode);
        }

        await Task.Delay(500);
        var lines = fixture.Server.Log.Lines.Skip(before).ToList();
        foreach (var line in lines)
        {
            output.WriteLine(line.Length > 300 ? line[..300] + "…" : line);
        }

        Assert.Equal(refusal, Assert.Single(lines, l => l.Contains("nope_", StringComparison.Ordinal)));
        Assert.InRange(refusal.Length, 1, 400);
        Assert.Contains("tools/call refused with -32602: unknown tool 'nope_xxx", refusal, StringComparison.Ordinal);
        Assert.All(lines, l => Assert.DoesNotContain("   at ", l, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length < 1_000, $"a {l.Length}-character log line: {l[..200]}…"));
    }

    [Fact]
    public async Task EmptyBucket_UnknownToolsAndInvalidArguments_AreRateLimited_AndAuditedWithinTheBudget()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-limits", "acme", "--calls-per-minute", "1");
        try
        {
            await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey);
            var auditedBefore = (await fixture.Installation.AuditAsync("acme")).Rows.Length;
            (await client.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = "is:unread" })).AssertSuccess();

            // The bucket (1 call a minute) is empty: 60 calls that would be refused anyway are refused as rate limited.
            for (var i = 0; i < 60; i++)
            {
                var refused = i % 2 == 0
                    ? (await client.CallAsync($"nope_{i}")).AssertError()
                    : (await client.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = 42 })).AssertError();
                Assert.Matches(@"^Rate limited: workspace 'acme' is limited to 1 calls per minute\. Retry after \d+ s; nothing was done\.$", refused);
            }

            var rows = (await fixture.Installation.AuditAsync("acme")).Rows;
            var budget = new ToolPipelineOptions().RefusalAuditRowsPerWindow;
            // The success and at most the window's budget of refusal rows (other tests' refusals may have used some of
            // it); the rest are counted for the window's summary row.
            Assert.InRange(rows.Length - auditedBefore, 2, 1 + budget);
            Assert.InRange(rows.Count(r => (string?)r["status"] == "rate_limited"), 1, budget);
        }
        finally
        {
            await fixture.Installation.Cli.RunOkAsync("workspace", "set-limits", "acme", "--reset");
        }
    }

    [Fact]
    public async Task UnknownTool_ThroughTheSdkClient_IsAProtocolErrorNamingTheTool()
    {
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallAsync("nope_tool"));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("Unknown tool 'nope_tool' in workspace 'acme'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusalsCountedButNotWritten_AreWrittenAsOneSummaryRow_WhenTheServerStops()
    {
        // A second server on the same database: its own refusal budget, stopped as a service manager would stop it.
        await using var server = await HttpServerProcess.StartAsync(fixture.Installation.Home);
        var budget = new ToolPipelineOptions().RefusalAuditRowsPerWindow;
        await using (var client = await server.ConnectAsync(fixture.ApiKey))
        {
            for (var i = 0; i < budget + 7; i++)
            {
                await Assert.ThrowsAsync<McpProtocolException>(() => client.CallAsync("nope_stopping"));
            }
        }

        await server.TerminateAsync();

        var rows = (await fixture.Installation.AuditAsync("acme")).Rows;
        Assert.Equal(budget, rows.Count(r => (string?)r["tool"] == "nope_stopping"));
        // (The fixture's server may summarise the other tests' rate-limited calls; this one counted unknown tools only.)
        var summary = Assert.Single(rows, r => (string?)r["error_code"] == "refusals_suppressed" && r["arguments"]!["codes"]!["rate_limited"] is null);
        Assert.Equal(7, (long)summary["arguments"]!["suppressed"]!);
        Assert.Equal(7, (long)summary["arguments"]!["codes"]!["unknown_tool"]!);
        Assert.Equal("(refused calls)", (string?)summary["tool"]);
        Assert.Equal("rejected", (string?)summary["status"]);
        var verify = await fixture.Installation.Cli.RunOkAsync("audit", "verify", "acme");
        Assert.Contains("is intact", verify.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _raw.Dispose();
}
