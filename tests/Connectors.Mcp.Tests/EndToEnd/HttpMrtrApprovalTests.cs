using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Approvals through MCP input requests (protocol 2026-07-28, MRTR) against a real <c>serve --http</c>: the C# SDK
/// client speaking 2026-07-28 has no session; the gated call is answered with an input request, the client asks its
/// person and retries with the answer. Accept runs the call once (decided by <c>client</c>), decline sends nothing; an
/// answer replayed, or carried by a call with other arguments, never runs anything again.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HttpMrtrApprovalTests(SingleWorkspaceHttpFixture fixture) : IClassFixture<SingleWorkspaceHttpFixture>
{
    private const string StatePrefix = "connectors-mcp/approval/v1:";

    [Fact]
    public async Task Accept_RunsTheSendOnce_AsTheClientsDecision()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(asked, "accept");
        var subject = $"MRTR accept {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", Send(subject));

        Assert.Null(client.SessionId);
        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        var question = Assert.Single(asked);
        Assert.Contains(subject, question);
        Assert.Contains("ops@acme.example", question);
        result.AssertSuccess();
        Assert.NotNull(result.Structured()["id"]);
        Assert.Equal(1, Sends(subject));
        var approvalId = await AskedApprovalAsync(subject);
        var (rows, _) = await fixture.Installation.AuditAsync("acme");
        Assert.Contains(rows, r => (string?)r["approval_id"] == approvalId && (string?)r["status"] == "succeeded" && (string?)r["decision"] == "approved:client");
    }

    [Fact]
    public async Task Decline_SendsNothing_AndDeniesTheApproval()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(asked, "decline");
        var subject = $"MRTR decline {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", Send(subject));

        Assert.Single(asked);
        Assert.Contains("declined", result.AssertError());
        Assert.Equal(0, Sends(subject));
        var approvalId = await AskedApprovalAsync(subject);
        var (rows, _) = await fixture.Installation.AuditAsync("acme");
        Assert.Contains(rows, r => (string?)r["approval_id"] == approvalId && (string?)r["status"] == "denied" && (string?)r["decision"] == "denied:client");
    }

    [Fact]
    public async Task ReplayedAnswer_DoesNotRunTwice()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(asked, "accept");
        var subject = $"MRTR replay {Guid.NewGuid():N}";
        (await client.CallAsync("gmail_send_email", Send(subject))).AssertSuccess();
        var approvalId = await AskedApprovalAsync(subject);

        // The same retry again, answer and state included, as a client repeating it after a lost response would.
        var replays = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RetryAsync(client, Send(subject), approvalId, "accept")));

        Assert.All(replays, r => Assert.True(r.IsError is null or false, r.Text()));
        Assert.Single(asked);
        Assert.Equal(1, Sends(subject));
    }

    [Fact]
    public async Task AnswerCarriedByOtherArguments_ApprovesNothing()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(asked, "decline");
        var first = $"MRTR bound {Guid.NewGuid():N}";
        var other = $"MRTR other {Guid.NewGuid():N}";
        await client.CallAsync("gmail_send_email", Send(first));
        var approvalId = await AskedApprovalAsync(first);

        // An "accept" naming the first call's approval, sent with other arguments: it does not count; the person is
        // asked about the call that was made (and declines it).
        var result = await RetryAsync(client, Send(other), approvalId, "accept");

        Assert.Contains("declined", result.AssertError());
        Assert.Equal(2, asked.Count);
        Assert.Contains(other, asked.Last());
        Assert.Equal(0, Sends(first) + Sends(other));
    }

    [Fact]
    public async Task PersonApprovers_AreNeverAskedThroughTheClient()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "person");
        var asked = new ConcurrentQueue<string>();
        await using var client = await ConnectAsync(asked, "accept");
        var subject = $"MRTR person {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", Send(subject));

        Assert.Empty(asked);
        Assert.Equal("pending_approval", (string)result.AssertSuccess().Structured()["status"]!);
        Assert.Equal(0, Sends(subject));
    }

    [Fact]
    public async Task Stdio_2026Client_IsAskedThroughAnInputRequestToo()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        await using var server = await StdioServer.StartAsync(fixture.Installation.Home, "acme", ClientOptions.Eliciting((request, _) =>
        {
            asked.Enqueue(request?.Message ?? "");
            return ValueTask.FromResult(new ElicitResult { Action = "accept" });
        }).Speaking(ClientOptions.StatelessProtocol));
        var subject = $"MRTR stdio {Guid.NewGuid():N}";

        var result = await server.Client.CallAsync("gmail_send_email", Send(subject));

        result.AssertSuccess();
        Assert.Single(asked);
        Assert.Equal(1, Sends(subject));
        Assert.NotNull(await AskedApprovalAsync(subject));
    }

    private Task<McpClient> ConnectAsync(ConcurrentQueue<string> asked, string answer) =>
        fixture.Server.ConnectAsync(fixture.ApiKey, options: ClientOptions.Eliciting((request, _) =>
        {
            asked.Enqueue(request?.Message ?? "");
            return ValueTask.FromResult(new ElicitResult { Action = answer });
        }).Speaking(ClientOptions.StatelessProtocol));

    private static async Task<CallToolResult> RetryAsync(McpClient client, JsonObject arguments, string approvalId, string answer)
    {
        using var timeout = new CancellationTokenSource(Bounded.Call);
        return await client.CallToolAsync(new CallToolRequestParams
        {
            Name = "gmail_send_email",
            Arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments.ToJsonString(), McpJsonUtilities.DefaultOptions),
            RequestState = StatePrefix + approvalId,
            InputResponses = new Dictionary<string, InputResponse> { ["approval"] = InputResponse.FromElicitResult(new ElicitResult { Action = answer }) },
        }, timeout.Token).AsTask().WaitAsync(Bounded.Call);
    }

    private async Task<string> AskedApprovalAsync(string subject)
    {
        var (rows, _) = await fixture.Installation.AuditAsync("acme");
        var approvalIds = rows.Where(r => (string?)r["decision"] == "input:asked;approvers=client").Select(r => (string)r["approval_id"]!).ToHashSet();
        var approvals = CliHarnessJson(await fixture.Installation.Cli.RunOkAsync("approvals", "list", "acme", "--json"));
        return approvals.Where(a => approvalIds.Contains((string)a["approval_id"]!) && ((string?)a["summary"] ?? "").Contains(subject, StringComparison.Ordinal))
            .Select(a => (string)a["approval_id"]!).Single();
    }

    private static JsonObject[] CliHarnessJson(Commands.CliResult result) => Commands.CliHarness.JsonLines(result);

    private int Sends(string subject) => fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject);

    private static JsonObject Send(string subject) => new()
    {
        ["to"] = new JsonArray("ops@acme.example"),
        ["subject"] = subject,
        ["body"] = "Deploy window is 18:00.",
    };
}
