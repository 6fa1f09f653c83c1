using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>Workspaces, connector health and reconnect, audit filters and verification, and policies, against a real server.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminResourceApiTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    [Fact]
    public async Task Workspaces_ListCountsConnectorsAndPendingApprovals()
    {
        (await fixture.Client.CallAsync("gmail_send_email", new JsonObject { ["to"] = new JsonArray("count@acme.example"), ["subject"] = $"Count {Guid.NewGuid():N}", ["body"] = "x" })).AssertSuccess();
        using var http = fixture.Http();

        var workspaces = (await http.GetAsync("admin/api/workspaces", fixture.AdminToken))["workspaces"]!.AsArray();
        var pending = (await http.GetAsync("admin/api/approvals?workspace=acme", fixture.AdminToken))["approvals"]!.AsArray().Count;

        var acme = Assert.Single(workspaces)!.AsObject();
        Assert.Equal(["approvers", "approvers_default", "connectors", "domains", "id", "pending_approvals", "plan", "slug"], acme.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("acme", (string)acme["slug"]!);
        Assert.Equal("pro", (string)acme["plan"]!);
        Assert.StartsWith("ws_", (string)acme["id"]!);
        Assert.Equal(1, (int)acme["connectors"]!);
        Assert.Equal(pending, (int)acme["pending_approvals"]!);
        Assert.True(pending >= 1);
        Assert.Empty(acme["domains"]!.AsArray());
    }

    [Fact]
    public async Task Connectors_ShowHealthAndTools_AndUnknownWorkspaceIs404()
    {
        (await fixture.Client.CallAsync("gmail_list_labels")).AssertSuccess();
        using var http = fixture.Http();

        var connector = Assert.Single((await http.GetAsync("admin/api/workspaces/acme/connectors", fixture.AdminToken))["connectors"]!.AsArray())!.AsObject();
        using var unknown = await http.BearerAsync(HttpMethod.Get, "admin/api/workspaces/nope/connectors", fixture.AdminToken);

        Assert.Equal(fixture.Gmail.ConnectorId, (string)connector["id"]!);
        Assert.Equal("gmail", (string)connector["name"]!);
        Assert.Equal("gmail", (string)connector["type"]!);
        Assert.Equal("active", (string)connector["status"]!);
        Assert.Equal("active", (string)connector["credential_state"]!);
        Assert.NotNull(connector["last_sync_at"]);
        Assert.Null(connector["last_error"]);
        Assert.Contains("gmail_send_email", connector["tools"]!.AsArray().Select(t => (string)t!));
        await AdminHttp.ErrorAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Reconnect_ReturnsTheProvidersConsentUrl_ForThisServersCallback()
    {
        using var http = fixture.Http();

        using var response = await http.BearerAsync(HttpMethod.Post, $"admin/api/connectors/{fixture.Gmail.ConnectorId}/reconnect", fixture.AdminToken, new JsonObject());
        var url = new Uri((string)(await AdminHttp.JsonAsync(response, HttpStatusCode.OK))["authorization_url"]!);
        using var unknown = await http.BearerAsync(HttpMethod.Post, "admin/api/connectors/con_nope/reconnect", fixture.AdminToken, new JsonObject());

        Assert.Equal(fixture.Installation.Google.AuthUrl.GetLeftPart(UriPartial.Path), url.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(new Uri(fixture.Server.BaseUrl, "oauth/callback").AbsoluteUri, query["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.Equal("S256", query["code_challenge_method"]);
        await AdminHttp.ErrorAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Audit_FiltersPagesAndVerifies()
    {
        (await fixture.Client.CallAsync("gmail_list_labels")).AssertSuccess();
        (await fixture.Client.CallAsync("gmail_search_inbox", """{"query":"in:inbox"}""")).AssertSuccess();
        (await fixture.Client.CallAsync("gmail_list_labels")).AssertSuccess();
        using var http = fixture.Http();

        var labels = (await http.GetAsync("admin/api/audit?workspace=acme&tool=gmail_list_labels", fixture.AdminToken))["entries"]!.AsArray();
        var firstPage = await http.GetAsync("admin/api/audit?workspace=acme&limit=2", fixture.AdminToken);
        var nextBefore = (long)firstPage["next_before_id"]!;
        var secondPage = await http.GetAsync($"admin/api/audit?workspace=acme&limit=2&before_id={nextBefore}", fixture.AdminToken);
        var succeeded = (await http.GetAsync($"admin/api/audit?workspace=acme&status=succeeded&connector={fixture.Gmail.ConnectorId}", fixture.AdminToken))["entries"]!.AsArray();
        var future = (await http.GetAsync("admin/api/audit?workspace=acme&since=2999-01-01T00:00:00Z", fixture.AdminToken))["entries"]!.AsArray();
        var past = (await http.GetAsync("admin/api/audit?workspace=acme&until=2000-01-01T00:00:00Z", fixture.AdminToken))["entries"]!.AsArray();
        var verify = await http.GetAsync("admin/api/workspaces/acme/audit/verify", fixture.AdminToken);

        Assert.True(labels.Count >= 2);
        Assert.All(labels, e => Assert.Equal("gmail_list_labels", (string)e!["tool"]!));
        var entry = labels[0]!.AsObject();
        Assert.Equal(
            ["action", "approval_id", "arguments", "caller", "connector_id", "decision", "error_code", "error_message", "finished_at", "id", "sequence", "started_at", "status", "tool"],
            entry.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("e2e-tests 1.0.0", (string)entry["caller"]!);
        Assert.True((long)labels[0]!["id"]! > (long)labels[1]!["id"]!, "newest first");
        Assert.Equal(2, firstPage["entries"]!.AsArray().Count);
        Assert.Equal(nextBefore, (long)firstPage["entries"]![1]!["id"]!);
        Assert.All(secondPage["entries"]!.AsArray(), e => Assert.True((long)e!["id"]! < nextBefore));
        Assert.All(succeeded, e => Assert.Equal("succeeded", (string)e!["status"]!));
        Assert.Contains(succeeded, e => (string?)e!["tool"] == "gmail_search_inbox");
        Assert.Empty(future);
        Assert.Empty(past);
        Assert.True((bool)verify["intact"]!);
        Assert.True((long)verify["rows"]! >= 3);
        Assert.Null(verify["problem"]);
    }

    [Theory]
    [InlineData("admin/api/audit", "workspace")]
    [InlineData("admin/api/audit?workspace=acme&status=great", "status")]
    [InlineData("admin/api/audit?workspace=acme&limit=0", "limit")]
    [InlineData("admin/api/audit?workspace=acme&limit=501", "limit")]
    [InlineData("admin/api/audit?workspace=acme&since=yesterday", "since")]
    [InlineData("admin/api/audit?workspace=acme&before_id=x", "before_id")]
    public async Task Audit_BadQuery_Is400NamingTheParameter(string path, string parameter)
    {
        using var http = fixture.Http();

        using var response = await http.BearerAsync(HttpMethod.Get, path, fixture.AdminToken);

        Assert.Contains($"'{parameter}'", await AdminHttp.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid"));
    }

    [Fact]
    public async Task Policies_ListEveryConnectorTool_AndSetOne()
    {
        using var http = fixture.Http();

        var before = (await http.GetAsync("admin/api/workspaces/acme/policies", fixture.AdminToken))["policies"]!.AsArray();
        using var set = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/policies/gmail_create_draft", fixture.AdminToken, new JsonObject { ["policy"] = "approve" });
        var updated = await AdminHttp.JsonAsync(set, HttpStatusCode.OK);
        using var reset = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/policies/gmail_create_draft", fixture.AdminToken, new JsonObject { ["policy"] = "auto" });
        using var bad = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/policies/gmail_create_draft", fixture.AdminToken, new JsonObject { ["policy"] = "sometimes" });
        using var unknownTool = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/policies/get_approval", fixture.AdminToken, new JsonObject { ["policy"] = "deny" });

        Assert.Equal(6, before.Count);
        Assert.DoesNotContain(before, p => (string?)p!["tool"] is "get_approval" or "list_connectors");
        var send = before.Single(p => (string?)p!["tool"] == "gmail_send_email")!;
        Assert.Equal("approve", (string)send["default_policy"]!);
        Assert.Equal("{\"tool\":\"gmail_create_draft\",\"policy\":\"approve\",\"default_policy\":\"auto\",\"overridden\":true}", updated.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("'policy'", await AdminHttp.ErrorAsync(bad, HttpStatusCode.BadRequest, "invalid"));
        await AdminHttp.ErrorAsync(unknownTool, HttpStatusCode.NotFound, "not_found");
    }
}
