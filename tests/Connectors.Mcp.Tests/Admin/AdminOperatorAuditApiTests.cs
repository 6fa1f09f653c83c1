using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// Changes made through the admin API are recorded for the admin token's name, and
/// <c>GET /admin/api/operator-audit</c> shows them beside the CLI's, without secrets.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminOperatorAuditApiTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    private const string Admin = "admin:" + AdminServerFixture.TokenName;

    [Fact]
    public async Task PolicyRulesAndDomains_ChangedThroughTheApi_AreRecordedWithWhoWhatOldAndNew()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var policy = await http.BrowserAsync(HttpMethod.Put, "admin/api/workspaces/acme/policies/gmail_create_draft", new JsonObject { ["policy"] = "deny" });
        using var policyAgain = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/policies/gmail_create_draft", fixture.AdminToken, new JsonObject { ["policy"] = "approve" });
        using var added = await http.BearerAsync(HttpMethod.Post, "admin/api/workspaces/acme/rules", fixture.AdminToken, new JsonObject
        {
            ["tool"] = "gmail_send_email",
            ["when"] = "recipients-all-in:acme.example",
            ["effect"] = "auto",
        });
        var ruleId = (string)(await AdminHttp.JsonAsync(added, HttpStatusCode.Created))["id"]!;
        using var removed = await http.BrowserAsync(HttpMethod.Delete, $"admin/api/workspaces/acme/rules/{ruleId}");
        using var domains = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/domains", fixture.AdminToken, new JsonObject { ["domains"] = new JsonArray("acme.example") });
        using var cleared = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/domains", fixture.AdminToken, new JsonObject { ["domains"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, policyAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, domains.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var changes = (await http.GetAsync("admin/api/operator-audit?workspace=acme&limit=6", fixture.AdminToken))["changes"]!.AsArray()
            .Select(c => c!.AsObject()).ToList();
        Assert.Equal(
            [
                ("domains.set", null, "acme.example", ""),
                ("domains.set", null, "", "acme.example"),
                ("rule.remove", ruleId, "#1 gmail_send_email when recipients-all-in:acme.example → auto", null),
                ("rule.add", ruleId, null, "#1 gmail_send_email when recipients-all-in:acme.example → auto"),
                ("policy.set", "gmail_create_draft", "deny", "approve"),
                ("policy.set", "gmail_create_draft", null, "deny"),
            ],
            changes.Select(c => ((string)c["action"]!, (string?)c["target"], (string?)c["old_value"], (string?)c["new_value"])));
        Assert.All(changes, c =>
        {
            Assert.Equal(Admin, (string?)c["actor"]);
            Assert.Equal("acme", (string?)c["workspace"]);
            Assert.StartsWith("ws_", (string?)c["workspace_id"]);
            Assert.InRange(DateTimeOffset.Parse((string)c["at"]!, System.Globalization.CultureInfo.InvariantCulture), started, DateTimeOffset.UtcNow.AddSeconds(1));
        });
    }

    [Fact]
    public async Task OperatorAudit_ShowsTheCliChangesToo_NewestFirst_Paged_WithoutSecrets()
    {
        using var http = fixture.Http();

        using var response = await http.BearerAsync(HttpMethod.Get, "admin/api/operator-audit", fixture.AdminToken);
        var text = await response.Content.ReadAsStringAsync();
        var body = await AdminHttp.JsonAsync(response, HttpStatusCode.OK);
        var changes = body["changes"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var firstPage = await http.GetAsync("admin/api/operator-audit?limit=1", fixture.AdminToken);
        var nextPage = await http.GetAsync($"admin/api/operator-audit?limit=1&before_id={(long)firstPage["next_before_id"]!}", fixture.AdminToken);

        var cli = $"cli:{Environment.UserName}";
        var token = Assert.Single(changes, c => (string)c["action"]! == "admin_token.create");
        Assert.Equal(cli, (string?)token["actor"]);
        Assert.EndsWith($" '{AdminServerFixture.TokenName}'", (string)token["target"]!);
        Assert.Null(token["workspace"]);
        var key = Assert.Single(changes, c => (string)c["action"]! == "apikey.create");
        Assert.Equal((cli, "acme", "active; scope: all tools"), ((string)key["actor"]!, (string)key["workspace"]!, (string)key["new_value"]!));
        Assert.Matches("^key_[0-9a-z]{24}$", (string)key["target"]!);
        Assert.Equal(changes.Select(c => (long)c["id"]!).OrderDescending(), changes.Select(c => (long)c["id"]!));
        Assert.Equal((long)changes[1]["id"]!, (long)nextPage["changes"]![0]!["id"]!);
        Assert.DoesNotContain(fixture.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AdminToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain("cmk_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cma_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorAudit_BadQuery_Is400Or404_AndWithoutAdminToken_Is401()
    {
        using var http = fixture.Http();

        using var badLimit = await http.BearerAsync(HttpMethod.Get, "admin/api/operator-audit?limit=0", fixture.AdminToken);
        using var unknown = await http.BearerAsync(HttpMethod.Get, "admin/api/operator-audit?workspace=nope", fixture.AdminToken);
        using var anonymous = await http.SendAsync(HttpMethod.Get, "admin/api/operator-audit");
        using var workspaceKey = await http.BearerAsync(HttpMethod.Get, "admin/api/operator-audit", fixture.ApiKey);

        Assert.Contains("'limit'", await AdminHttp.ErrorAsync(badLimit, HttpStatusCode.BadRequest, "invalid"));
        Assert.Contains("nope", await AdminHttp.ErrorAsync(unknown, HttpStatusCode.NotFound, "not_found"));
        await AdminHttp.ErrorAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        await AdminHttp.ErrorAsync(workspaceKey, HttpStatusCode.Unauthorized, "unauthorized");
    }
}
