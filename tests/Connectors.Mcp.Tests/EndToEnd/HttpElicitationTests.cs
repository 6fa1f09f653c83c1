using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Elicitation over Streamable HTTP (an initialize client): in a workspace whose approvers are <c>client</c>, the stateful session carries the
/// server's <c>elicitation/create</c> request to the client mid-call; accept sends once, decline sends nothing. Under the
/// HTTP default (<c>person</c>) the client is never asked.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HttpElicitationTests(SingleWorkspaceHttpFixture fixture) : IClassFixture<SingleWorkspaceHttpFixture>
{
    /// <summary>
    /// The headline of issue 9 item 5: over HTTP a workspace that never chose its approvers is served with the HTTP
    /// default, <c>person</c>. A client that declares elicitation and would accept anything is not asked; the send is
    /// queued for a person and nothing reaches Gmail.
    /// </summary>
    [Fact]
    public async Task HttpDefault_AutoAcceptingClient_IsNotAsked_AndTheSendWaitsForAPerson()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "default");
        var asked = new ConcurrentQueue<string>();
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: ClientOptions.Eliciting((request, _) =>
        {
            asked.Enqueue(request?.Message ?? "");
            return ValueTask.FromResult(new ElicitResult { Action = "accept" });
        }));
        var subject = $"HTTP default approvers {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("ops@acme.example"),
            ["subject"] = subject,
            ["body"] = "Auto-accepted?",
        });

        Assert.Empty(asked);
        var pending = result.AssertSuccess().Structured();
        Assert.Equal("pending_approval", (string)pending["status"]!);
        Assert.Equal(0, fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject));
        var (rows, _) = await fixture.Installation.AuditAsync("acme");
        var row = rows.First(r => (string?)r["approval_id"] == (string)pending["approval_id"]!);
        Assert.Equal("pending_approval", (string)row["status"]!);
        Assert.Equal("queued;approvers=person", (string)row["decision"]!);
    }

    [Theory]
    [InlineData("accept", 1)]
    [InlineData("decline", 0)]
    public async Task GatedSend_AsksTheClient_AndRunsOnlyOnAccept(string answer, int expectedSends)
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        // elicitation/create needs a session: an initialize client's (2026-07-28 clients are asked by input requests, HttpMrtrApprovalTests).
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: ClientOptions.Eliciting((request, _) =>
        {
            asked.Enqueue(request?.Message ?? "");
            return ValueTask.FromResult(new ElicitResult { Action = answer });
        }).Speaking(ClientOptions.SessionProtocol));
        var subject = $"HTTP elicitation {answer} {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("ops@acme.example"),
            ["subject"] = subject,
            ["body"] = "Deploy window is 18:00.",
        });

        var message = Assert.Single(asked);
        Assert.Contains("ops@acme.example", message);
        Assert.Contains(subject, message);
        Assert.Contains("Deploy window is 18:00.", message);
        Assert.Equal(expectedSends, fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject));
        var (rows, _) = await fixture.Installation.AuditAsync("acme");
        Assert.Contains(rows, r => (string?)r["decision"] == (answer == "accept" ? "elicitation:accepted;approvers=client" : "elicitation:declined;approvers=client"));
        if (answer == "accept")
        {
            result.AssertSuccess();
            Assert.NotNull(result.Structured()["id"]);
        }
        else
        {
            Assert.Contains("declined", result.AssertError());
        }
    }
}
