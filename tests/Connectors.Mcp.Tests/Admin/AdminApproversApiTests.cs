using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// Who may approve, through the admin API of a running <c>serve --http</c>: the workspace object shows the effective value
/// and whether it is the HTTP default (person); <c>PUT …/approvers</c> changes what the running server does on the next call.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminApproversApiTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    [Fact]
    public async Task SetToClient_TheRunningServerAsksTheClient_BackToDefault_ItQueuesForAPerson()
    {
        using var http = fixture.Http();
        var asked = new ConcurrentQueue<string>();
        await using var agent = await fixture.Server.ConnectAsync(fixture.ApiKey, options: ClientOptions.Eliciting((request, _) =>
        {
            asked.Enqueue(request?.Message ?? "");
            return ValueTask.FromResult(new ElicitResult { Action = "accept" });
        }));
        var before = (await http.GetAsync("admin/api/workspaces", fixture.AdminToken))["workspaces"]![0]!;

        using var toClient = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/approvers", fixture.AdminToken, new JsonObject { ["approvers"] = "client" });
        var client = await AdminHttp.JsonAsync(toClient, HttpStatusCode.OK);
        var accepted = await SendAsync(agent, "asked");
        using var toDefault = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/approvers", fixture.AdminToken, new JsonObject { ["approvers"] = "default" });
        var reset = await AdminHttp.JsonAsync(toDefault, HttpStatusCode.OK);
        var queued = await SendAsync(agent, "queued");

        Assert.Equal("person", (string)before["approvers"]!);
        Assert.True((bool)before["approvers_default"]!);
        Assert.Equal("acme", (string)client["slug"]!);
        Assert.Equal("client", (string)client["approvers"]!);
        Assert.False((bool)client["approvers_default"]!);
        Assert.NotNull(accepted.AssertSuccess().Structured()["id"]);
        Assert.Single(asked);
        Assert.Equal("person", (string)reset["approvers"]!);
        Assert.True((bool)reset["approvers_default"]!);
        Assert.Equal("pending_approval", (string)queued.AssertSuccess().Structured()["status"]!);
        Assert.Single(asked);
    }

    [Fact]
    public async Task Person_IsStoredAsTheWorkspacesOwnChoice_BadValuesAndUnknownWorkspacesAreRefused()
    {
        using var http = fixture.Http();

        using var person = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/approvers", fixture.AdminToken, new JsonObject { ["approvers"] = "person" });
        var set = await AdminHttp.JsonAsync(person, HttpStatusCode.OK);
        using var anyone = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/approvers", fixture.AdminToken, new JsonObject { ["approvers"] = "anyone" });
        using var missing = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/approvers", fixture.AdminToken, new JsonObject());
        using var unknown = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/nope/approvers", fixture.AdminToken, new JsonObject { ["approvers"] = "client" });
        var listed = (await http.GetAsync("admin/api/workspaces", fixture.AdminToken))["workspaces"]![0]!;
        using var reset = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/approvers", fixture.AdminToken, new JsonObject { ["approvers"] = "default" });

        Assert.Equal("person", (string)set["approvers"]!);
        Assert.False((bool)set["approvers_default"]!);
        Assert.Contains("'approvers'", await AdminHttp.ErrorAsync(anyone, HttpStatusCode.BadRequest, "invalid"));
        Assert.Contains("'approvers'", await AdminHttp.ErrorAsync(missing, HttpStatusCode.BadRequest, "invalid"));
        await AdminHttp.ErrorAsync(unknown, HttpStatusCode.NotFound, "not_found");
        Assert.False((bool)listed["approvers_default"]!);
        Assert.True((bool)(await AdminHttp.JsonAsync(reset, HttpStatusCode.OK))["approvers_default"]!);
    }

    private static Task<CallToolResult> SendAsync(ModelContextProtocol.Client.McpClient agent, string word) =>
        agent.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("ops@acme.example"),
            ["subject"] = $"Approvers {word} {Guid.NewGuid():N}",
            ["body"] = "Deploy window is 18:00.",
        });
}
