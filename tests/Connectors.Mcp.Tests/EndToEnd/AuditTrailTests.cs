using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ModelContextProtocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// The audit log after real calls over stdio: one row per call with what became of it, content stored only as length
/// and SHA-256, a hash chain that <c>audit verify</c> accepts — and that it rejects, naming the row, once the SQLite
/// file is edited behind its back.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AuditTrailTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private const string Workspace = StdioWorkspaceFixture.Workspace;

    [Fact]
    public async Task MixedCalls_LeaveMatchingRows_TheChainVerifies_AndAnEditedRowIsFound()
    {
        var subject = $"Audit mix {Guid.NewGuid():N}";
        var (before, _) = await fixture.Installation.AuditAsync(Workspace);
        (await fixture.Client.CallAsync("gmail_search_inbox", """{"query":"is:unread"}""")).AssertSuccess();
        (await fixture.Client.CallAsync("gmail_search_inbox", """{"query":"is:unread","folder":"x"}""")).AssertError();
        await Assert.ThrowsAsync<McpProtocolException>(() => fixture.Client.CallAsync("nope_tool", "{}"));
        var approvalId = (string)(await fixture.Client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("audit@acme.example"),
            ["subject"] = subject,
            ["body"] = "Mixed calls.",
        })).AssertSuccess().Structured()["approval_id"]!;
        await fixture.Installation.Cli.RunOkAsync("approvals", "approve", approvalId);
        (await fixture.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess();
        (await fixture.Client.CallAsync("list_connectors")).AssertSuccess();

        var (after, _) = await fixture.Installation.AuditAsync(Workspace);
        var added = after.Take(after.Length - before.Length).Reverse().ToList();
        Assert.Equal(
            [
                ("gmail_search_inbox", "succeeded"),
                ("gmail_search_inbox", "rejected"),
                ("nope_tool", "rejected"),
                ("gmail_send_email", "pending_approval"),
                ("gmail_send_email", "succeeded"),
                ("get_approval", "succeeded"),
                ("list_connectors", "succeeded"),
            ],
            added.Select(r => ((string)r["tool"]!, (string)r["status"]!)));
        Assert.Equal("invalid_arguments", (string)added[1]["error_code"]!);
        Assert.Equal("unknown_tool", (string)added[2]["error_code"]!);
        Assert.Equal(approvalId, (string)added[3]["approval_id"]!);
        Assert.Equal(approvalId, (string)added[4]["approval_id"]!);
        Assert.All(added, r => Assert.NotNull(r["hash"]));

        var verify = await fixture.Installation.Cli.RunAsync("audit", "verify", Workspace);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("intact", verify.Stdout);

        var tampered = (long)added[0]["id"]!;
        await using (var connection = new SqliteConnection($"Data Source={fixture.Installation.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE connector_actions SET tool = 'x' WHERE id = $id;";
            update.Parameters.AddWithValue("$id", tampered);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var broken = await fixture.Installation.Cli.RunAsync("audit", "verify", Workspace);

        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains($"row {tampered}", broken.Stderr);
    }

    [Fact]
    public async Task MessageContent_IsStoredAsLengthAndSha256Only()
    {
        var subject = $"Salary review {Guid.NewGuid():N}";
        var body = $"Private: the new salary is 123456 ({Guid.NewGuid():N}).\nSecond line.";
        (await fixture.Client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("hr@acme.example"),
            ["subject"] = subject,
            ["body"] = body,
        })).AssertSuccess();
        (await fixture.Client.CallAsync("gmail_create_draft", new JsonObject
        {
            ["to"] = new JsonArray("hr@acme.example"),
            ["subject"] = subject,
            ["body"] = body,
            ["html_body"] = $"<p>{body}</p>",
        })).AssertSuccess();

        var (rows, raw) = await fixture.Installation.AuditAsync(Workspace);

        Assert.DoesNotContain("salary is 123456", raw.Stdout);
        Assert.DoesNotContain(subject, raw.Stdout);
        foreach (var tool in new[] { "gmail_send_email", "gmail_create_draft" })
        {
            var arguments = rows.First(r => (string?)r["tool"] == tool && r["arguments"]?["body"] is JsonObject)["arguments"]!.AsObject();
            Assert.Equal("hr@acme.example", (string)arguments["to"]![0]!);
            var redacted = arguments["body"]!.AsObject();
            Assert.True((bool)redacted["redacted"]!);
            Assert.Equal(body.Length, (int)redacted["length"]!);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), (string)redacted["sha256"]!);
            Assert.True((bool)arguments["subject"]!["redacted"]!);
        }

        Assert.All(rows, r => Assert.DoesNotContain("salary is 123456", r["arguments"]?.ToJsonString() ?? ""));
    }
}
