using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// The approvals API against a real server and a real MCP client without elicitation: what the agent queued is shown
/// exactly, an approval from the API runs once at the (fake) provider, and the client's get_approval reports it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminApprovalApiTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    [Fact]
    public async Task QueuedSend_IsListedExactly_ApprovedInTheBrowserSession_RunsOnce_AndGetApprovalSucceeds()
    {
        var subject = $"Quarterly numbers {Guid.NewGuid():N}";
        var body = "Hi both,\nthe numbers are attached.\n<b>not html</b>";
        var queued = (await SendAsync(subject, body, ["cfo@acme.example", "auditor@outside.example"], ["board@acme.example"])).AssertSuccess().Structured();
        var approvalId = (string)queued["approval_id"]!;
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);

        using var listResponse = await http.SendAsync(HttpMethod.Get, "admin/api/approvals?workspace=acme");
        var listed = (await AdminHttp.JsonAsync(listResponse, HttpStatusCode.OK))["approvals"]!.AsArray().Single(a => (string?)a!["id"] == approvalId)!.AsObject();

        Assert.Equal("acme", (string)listed["workspace"]!);
        Assert.Equal(fixture.Gmail.ConnectorId, (string)listed["connector"]!["id"]!);
        Assert.Equal("gmail", (string)listed["connector"]!["name"]!);
        Assert.Equal("gmail", (string)listed["connector"]!["type"]!);
        Assert.Equal("gmail_send_email", (string)listed["tool"]!);
        Assert.Equal("send_email", (string)listed["action"]!);
        Assert.Equal("pending", (string)listed["status"]!);
        var arguments = listed["arguments"]!.AsObject();
        Assert.Equal(["cfo@acme.example", "auditor@outside.example"], arguments["to"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["board@acme.example"], arguments["cc"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(subject, (string)arguments["subject"]!);
        Assert.Equal(body, (string)arguments["body"]!);
        Assert.False(arguments.ContainsKey("idempotency_key"));
        Assert.Equal("e2e-tests 1.0.0", (string)listed["requested_by"]!);
        Assert.Contains(subject, (string)listed["summary"]!);
        Assert.Equal((string)queued["expires_at"]!, (string)listed["expires_at"]!);
        Assert.Null(listed["decided_at"]);
        Assert.Null(listed["result"]);
        Assert.Equal(0, SentWith(subject));

        using var approve = await http.BrowserAsync(HttpMethod.Post, $"admin/api/approvals/{approvalId}/approve", new JsonObject { ["reason"] = "checked the numbers" });
        var approved = await AdminHttp.JsonAsync(approve, HttpStatusCode.OK);

        Assert.Equal(1, SentWith(subject));
        Assert.False((bool)approved["outcome"]!["is_error"]!);
        Assert.Equal("succeeded", (string)approved["approval"]!["status"]!);
        Assert.Equal($"admin:{AdminServerFixture.TokenName}", (string)approved["approval"]!["decided_by"]!);
        Assert.Equal("checked the numbers", (string)approved["approval"]!["reason"]!);
        var sent = fixture.Installation.Google.SentMessages.Single(m => m.Message.Subject == subject);
        Assert.Equal(sent.Id, (string)approved["approval"]!["result"]!["id"]!);

        var report = (await fixture.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess().Structured();
        Assert.Equal("succeeded", (string)report["status"]!);
        Assert.Equal(sent.Id, (string)report["result"]!["id"]!);

        // Once decided it never runs again, whoever asks.
        using var again = await http.BrowserAsync(HttpMethod.Post, $"admin/api/approvals/{approvalId}/approve", new JsonObject());
        var message = await AdminHttp.ErrorAsync(again, HttpStatusCode.Conflict, "conflict");
        Assert.Contains("succeeded", message);
        Assert.Equal(1, SentWith(subject));

        var audit = await http.GetAsync($"admin/api/audit?workspace=acme&tool=gmail_send_email&status=succeeded", fixture.AdminToken);
        var row = audit["entries"]!.AsArray().Single(e => (string?)e!["approval_id"] == approvalId)!;
        Assert.Equal($"approved:admin:{AdminServerFixture.TokenName}", (string)row["decision"]!);
    }

    [Fact]
    public async Task Deny_WithReason_IsReportedToTheAgent_AndNothingIsSent()
    {
        var subject = $"Layoffs {Guid.NewGuid():N}";
        var approvalId = (string)(await SendAsync(subject, "Confidential.", ["all@acme.example"])).AssertSuccess().Structured()["approval_id"]!;
        using var http = fixture.Http();

        using var deny = await http.BearerAsync(HttpMethod.Post, $"admin/api/approvals/{approvalId}/deny", fixture.AdminToken, new JsonObject { ["reason"] = "not before the board meets" });
        var denied = (await AdminHttp.JsonAsync(deny, HttpStatusCode.OK))["approval"]!;
        using var approveAfter = await http.BearerAsync(HttpMethod.Post, $"admin/api/approvals/{approvalId}/approve", fixture.AdminToken, new JsonObject());
        var report = (await fixture.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess().Structured();
        var single = await http.GetAsync($"admin/api/approvals/{approvalId}", fixture.AdminToken);

        Assert.Equal("denied", (string)denied["status"]!);
        Assert.Equal("not before the board meets", (string)denied["reason"]!);
        Assert.Equal($"admin:{AdminServerFixture.TokenName}", (string)denied["decided_by"]!);
        Assert.NotNull(denied["decided_at"]);
        await AdminHttp.ErrorAsync(approveAfter, HttpStatusCode.Conflict, "conflict");
        Assert.Equal("denied", (string)report["status"]!);
        Assert.Equal("not before the board meets", (string)report["reason"]!);
        Assert.Equal("denied", (string)single["status"]!);
        Assert.Equal(0, SentWith(subject));
        var audit = await http.GetAsync("admin/api/audit?workspace=acme&tool=gmail_send_email&status=denied", fixture.AdminToken);
        var row = audit["entries"]!.AsArray().Single(e => (string?)e!["approval_id"] == approvalId)!;
        Assert.Equal($"denied:admin:{AdminServerFixture.TokenName}", (string)row["decision"]!);
        Assert.Equal($"Denied by admin:{AdminServerFixture.TokenName}: not before the board meets", (string)row["error_message"]!);
    }

    [Fact]
    public async Task Approve_AnApprovedOneThatNeverRan_RunsItOnce_LikeTheCli()
    {
        // An approval put back to approved (its runner died before anything was sent) is run by the next approve.
        var subject = $"Resumed {Guid.NewGuid():N}";
        var approvalId = (string)(await SendAsync(subject, "Picking up.", ["ops@acme.example"])).AssertSuccess().Structured()["approval_id"]!;
        ExecuteOnDatabase("UPDATE approvals SET status = 'approved', decided_by = 'cli:someone', decided_at = created_at WHERE id = $id;", approvalId);
        using var http = fixture.Http();

        using var approve = await http.BearerAsync(HttpMethod.Post, $"admin/api/approvals/{approvalId}/approve", fixture.AdminToken, new JsonObject());
        using var again = await http.BearerAsync(HttpMethod.Post, $"admin/api/approvals/{approvalId}/approve", fixture.AdminToken, new JsonObject());

        var body = await AdminHttp.JsonAsync(approve, HttpStatusCode.OK);
        Assert.Equal("succeeded", (string)body["approval"]!["status"]!);
        Assert.False((bool)body["outcome"]!["is_error"]!);
        await AdminHttp.ErrorAsync(again, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, SentWith(subject));
    }

    [Fact]
    public async Task Approve_ExpiredApproval_Is409_AndNothingIsSent()
    {
        var subject = $"Stale {Guid.NewGuid():N}";
        var approvalId = (string)(await SendAsync(subject, "Too late.", ["late@acme.example"])).AssertSuccess().Structured()["approval_id"]!;
        ExecuteOnDatabase("UPDATE approvals SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = $id;", approvalId);
        using var http = fixture.Http();

        using var approve = await http.BearerAsync(HttpMethod.Post, $"admin/api/approvals/{approvalId}/approve", fixture.AdminToken, new JsonObject());
        var expired = await http.GetAsync("admin/api/approvals?workspace=acme&status=expired", fixture.AdminToken);
        var pending = await http.GetAsync("admin/api/approvals?workspace=acme", fixture.AdminToken);

        var message = await AdminHttp.ErrorAsync(approve, HttpStatusCode.Conflict, "conflict");
        Assert.Contains("expired", message);
        Assert.Contains(expired["approvals"]!.AsArray(), a => (string?)a!["id"] == approvalId);
        Assert.DoesNotContain(pending["approvals"]!.AsArray(), a => (string?)a!["id"] == approvalId);
        Assert.Equal(0, SentWith(subject));
        var audit = await http.GetAsync("admin/api/audit?workspace=acme&tool=gmail_send_email&status=denied", fixture.AdminToken);
        var closing = audit["entries"]!.AsArray().Single(e => (string?)e!["approval_id"] == approvalId)!;
        Assert.Equal("approval_expired", (string)closing["error_code"]!);
        Assert.Equal("expired", (string)closing["decision"]!);
    }

    [Fact]
    public async Task List_StatusFilterAndAll_NewestFirst_AndBadInput()
    {
        var first = (string)(await SendAsync($"One {Guid.NewGuid():N}", "1", ["one@acme.example"])).AssertSuccess().Structured()["approval_id"]!;
        var second = (string)(await SendAsync($"Two {Guid.NewGuid():N}", "2", ["two@acme.example"])).AssertSuccess().Structured()["approval_id"]!;
        using var http = fixture.Http();
        using (var deny = await http.BearerAsync(HttpMethod.Post, $"admin/api/approvals/{first}/deny", fixture.AdminToken, new JsonObject()))
        {
            Assert.Equal(HttpStatusCode.OK, deny.StatusCode);
        }

        var all = (await http.GetAsync("admin/api/approvals?status=all", fixture.AdminToken))["approvals"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
        var pending = (await http.GetAsync("admin/api/approvals", fixture.AdminToken))["approvals"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
        var denied = (await http.GetAsync("admin/api/approvals?workspace=acme&status=denied", fixture.AdminToken))["approvals"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
        using var badStatus = await http.BearerAsync(HttpMethod.Get, "admin/api/approvals?status=maybe", fixture.AdminToken);
        using var badWorkspace = await http.BearerAsync(HttpMethod.Get, "admin/api/approvals?workspace=nope", fixture.AdminToken);
        using var unknown = await http.BearerAsync(HttpMethod.Get, "admin/api/approvals/apr_nope", fixture.AdminToken);

        Assert.True(all.IndexOf(second) < all.IndexOf(first), "newest first");
        Assert.Contains(second, pending);
        Assert.DoesNotContain(first, pending);
        Assert.Contains(first, denied);
        Assert.DoesNotContain(second, denied);
        await AdminHttp.ErrorAsync(badStatus, HttpStatusCode.BadRequest, "invalid");
        await AdminHttp.ErrorAsync(badWorkspace, HttpStatusCode.NotFound, "not_found");
        await AdminHttp.ErrorAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }

    private Task<CallToolResult> SendAsync(string subject, string body, string[] to, string[]? cc = null)
    {
        var arguments = new JsonObject
        {
            ["to"] = new JsonArray(to.Select(t => (JsonNode?)t).ToArray()),
            ["subject"] = subject,
            ["body"] = body,
        };
        if (cc is not null)
        {
            arguments["cc"] = new JsonArray(cc.Select(t => (JsonNode?)t).ToArray());
        }

        return fixture.Client.CallAsync("gmail_send_email", arguments);
    }

    private int SentWith(string subject) => fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject);

    private void ExecuteOnDatabase(string sql, string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.Installation.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000;";
        command.ExecuteNonQuery();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }
}
