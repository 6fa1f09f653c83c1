using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Tests.Commands;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// After a whole flow — reads, a queued send approved with the CLI, a refresh, a revoked grant — no OAuth token and no
/// client secret appears in the server's stderr, in any tool result, in the audit list or in the CLI's output.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SecretExposureTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private readonly List<CallToolResult> _results = [];
    private readonly List<CliResult> _cli = [];

    [Fact]
    public async Task TokensAndClientSecret_AppearNowhere_AfterTheWholeFlow()
    {
        var google = fixture.Installation.Google;
        var gmail = fixture.Gmail;

        var search = await CallAsync(gmail.Tool("search_inbox"), """{"max_results":3}""");
        var firstId = (string)search.Structured()["messages"]![0]!["id"]!;
        await CallAsync(gmail.Tool("get_message"), $$"""{"message_id":"{{firstId}}"}""");
        var approvalId = (string)(await CallAsync(gmail.Tool("send_email"), """{"to":["partner@acme.example"],"subject":"Contract","body":"Signed copy attached."}"""))
            .Structured()["approval_id"]!;
        await CliAsync("approvals", "list", StdioWorkspaceFixture.Workspace, "--json");
        await CliAsync("approvals", "approve", approvalId);
        await CallAsync("get_approval", $$"""{"approval_id":"{{approvalId}}"}""");
        await CallAsync(gmail.Tool("create_draft"), """{"to":["partner@acme.example"],"subject":"Draft","body":"Later."}""");

        google.ExpireAccessTokens();
        await CallAsync(gmail.Tool("search_inbox"), """{"max_results":1}""");
        var refreshed = await fixture.Installation.StoredTokensAsync(gmail.ConnectorId);
        Assert.NotEqual(gmail.Grant.AccessToken, refreshed!.AccessToken);

        google.RevokeGrant(gmail.Grant.RefreshToken);
        google.ExpireAccessTokens();
        var revoked = await CallAsync(gmail.Tool("search_inbox"), "{}");
        Assert.True(revoked.IsError);
        await CallAsync("list_connectors", "{}");
        await CliAsync("connector", "list", StdioWorkspaceFixture.Workspace, "--json");
        await CliAsync("connector", "list", StdioWorkspaceFixture.Workspace);
        await CliAsync("audit", "list", StdioWorkspaceFixture.Workspace, "--json", "--limit", "1000");
        await CliAsync("audit", "list", StdioWorkspaceFixture.Workspace);

        string[] secrets = [gmail.Grant.AccessToken, gmail.Grant.RefreshToken, refreshed.AccessToken, FakeGoogleServer.SandboxClientSecret];

        // The revoked grant made the server log (stderr is read asynchronously): wait for that line before checking the log.
        await fixture.Server.Log.WaitForLineAsync(l => l.Contains(gmail.ConnectorId, StringComparison.Ordinal)).WaitAsync(Bounded.Shutdown);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, fixture.Server.Log.Text);
            foreach (var result in _results)
            {
                Assert.DoesNotContain(secret, result.Text());
                Assert.DoesNotContain(secret, result.StructuredContent?.GetRawText() ?? "");
            }

            foreach (var cli in _cli)
            {
                Assert.DoesNotContain(secret, cli.Stdout);
                Assert.DoesNotContain(secret, cli.Stderr);
            }
        }
    }

    private async Task<CallToolResult> CallAsync(string tool, string argumentsJson)
    {
        var result = await fixture.Client.CallAsync(tool, argumentsJson);
        _results.Add(result);
        return result;
    }

    private async Task CliAsync(params string[] args) => _cli.Add(await fixture.Installation.Cli.RunOkAsync(args));
}
