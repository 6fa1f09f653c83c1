using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// A client that declared elicitation is asked through <c>elicitation/create</c> before a send: accept runs it once,
/// decline or cancel denies it, and the audit rows say which. Over stdio a workspace that has not chosen its approvers
/// lets the client approve (the stdio default); one set to <c>person</c> never asks it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ElicitationTests(ElicitingStdioFixture fixture) : IClassFixture<ElicitingStdioFixture>
{
    private Sandbox.Google.FakeGoogleServer Google => fixture.Installation.Google;

    [Fact]
    public async Task Accept_SendsExactlyOnce_AfterShowingRecipientsSubjectAndBody()
    {
        var subject = $"Board pack {Guid.NewGuid():N}";
        fixture.Answer = "accept";
        var asked = fixture.Requests.Count;
        var sent = Google.SentMessages.Count;

        var result = (await fixture.Client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("cfo@acme.example"),
            ["cc"] = new JsonArray("board@acme.example"),
            ["subject"] = subject,
            ["body"] = "Please find the board pack below.\nSecond line stays private.\nThird.",
        })).AssertSuccess();

        Assert.Equal(asked + 1, fixture.Requests.Count);
        var message = fixture.Requests.Last().Message;
        Assert.Contains("cfo@acme.example", message);
        Assert.Contains("board@acme.example", message);
        Assert.Contains(subject, message);
        Assert.Contains("Please find the board pack below.", message);

        Assert.Equal(sent + 1, Google.SentMessages.Count);
        var email = Google.SentMessages.Single(m => m.Message.Subject == subject);
        Assert.Equal(["cfo@acme.example"], email.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["board@acme.example"], email.Message.Cc.Mailboxes.Select(m => m.Address));
        OutputSchemaAssert.Valid(fixture.Tools["gmail_send_email"], result);
        Assert.Equal(email.Id, (string)result.Structured()["id"]!);

        var row = await AuditRowAsync(status: "succeeded", decision: "elicitation:accepted;approvers=client");
        Assert.Equal(fixture.Gmail.ConnectorId, (string)row["connector_id"]!);
    }

    [Theory]
    [InlineData("decline", "elicitation:declined;approvers=client")]
    [InlineData("cancel", "elicitation:cancelled;approvers=client")]
    public async Task DeclineOrCancel_IsAnErrorAndNothingIsSent(string answer, string decision)
    {
        fixture.Answer = answer;
        var asked = fixture.Requests.Count;
        var sent = Google.SentMessages.Count;
        var sendRequests = Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesSend);
        var approvals = (await fixture.Installation.Cli.RunOkAsync("approvals", "list", StdioWorkspaceFixture.Workspace, "--json")).StdoutLines.Length;

        var text = (await fixture.Client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("everyone@acme.example"),
            ["subject"] = $"Reorg {answer}",
            ["body"] = "Do not send.",
        })).AssertError();

        Assert.Equal(asked + 1, fixture.Requests.Count);
        Assert.Contains(answer == "decline" ? "declined" : "cancelled", text);
        Assert.Equal(sent, Google.SentMessages.Count);
        Assert.Equal(sendRequests, Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesSend));
        // Denied by the person: nothing is queued for later either.
        Assert.Equal(approvals, (await fixture.Installation.Cli.RunOkAsync("approvals", "list", StdioWorkspaceFixture.Workspace, "--json")).StdoutLines.Length);
        await AuditRowAsync(status: "denied", decision: decision);
    }

    [Fact]
    public async Task PersonApprovers_SetWhileServing_ClientIsNotAsked_AndTheSendWaitsForAPerson()
    {
        fixture.Answer = "accept";
        var asked = fixture.Requests.Count;
        var subject = $"Wire transfer {Guid.NewGuid():N}";

        // Set with the CLI while the server runs: it applies from the next call, without a restart.
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", StdioWorkspaceFixture.Workspace, "person");
        try
        {
            var pending = (await fixture.Client.CallAsync("gmail_send_email", new JsonObject
            {
                ["to"] = new JsonArray("treasury@acme.example"),
                ["subject"] = subject,
                ["body"] = "Please wire it today.",
            })).AssertSuccess().Structured();

            Assert.Equal(asked, fixture.Requests.Count);
            Assert.Equal("pending_approval", (string)pending["status"]!);
            Assert.DoesNotContain(Google.SentMessages, m => m.Message.Subject == subject);
            var row = await AuditRowAsync(status: "pending_approval", decision: "queued;approvers=person");
            Assert.Equal((string)pending["approval_id"]!, (string)row["approval_id"]!);
        }
        finally
        {
            await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", StdioWorkspaceFixture.Workspace, "default");
        }
    }

    [Fact]
    public async Task ReadOnlyTools_AreNotGated()
    {
        var asked = fixture.Requests.Count;

        (await fixture.Client.CallAsync("gmail_search_inbox", """{"max_results":1}""")).AssertSuccess();

        Assert.Equal(asked, fixture.Requests.Count);
    }

    /// <summary>The newest gmail_send_email audit row with this status and decision.</summary>
    private async Task<JsonObject> AuditRowAsync(string status, string decision)
    {
        var (rows, _) = await fixture.Installation.AuditAsync(StdioWorkspaceFixture.Workspace);
        var row = rows.FirstOrDefault(r => (string?)r["tool"] == "gmail_send_email" && (string?)r["decision"] == decision);
        Assert.True(row is not null, $"no gmail_send_email audit row with decision {decision}:\n{string.Join('\n', rows.Select(r => r.ToJsonString()))}");
        Assert.Equal(status, (string)row!["status"]!);
        return row;
    }
}
