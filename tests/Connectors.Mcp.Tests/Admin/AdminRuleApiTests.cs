using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>Approval rules and workspace domains through the admin API, and a rule set there deciding a real call.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminRuleApiTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    [Fact]
    public async Task Rules_AddListDelete_AndAnAddedRuleDecidesTheNextCall()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);

        using var added = await http.BrowserAsync(HttpMethod.Post, "admin/api/workspaces/acme/rules", new JsonObject
        {
            ["tool"] = "gmail_send_email",
            ["when"] = "recipients-all-in:acme.example",
            ["effect"] = "auto",
            ["note"] = "internal mail needs no approval",
        });
        var rule = await AdminHttp.JsonAsync(added, HttpStatusCode.Created);
        using var first = await http.BrowserAsync(HttpMethod.Post, "admin/api/workspaces/acme/rules", new JsonObject
        {
            ["tool"] = "gmail_*",
            ["when"] = "always",
            ["effect"] = "deny",
            ["position"] = 1,
        });
        var denyAll = await AdminHttp.JsonAsync(first, HttpStatusCode.Created);
        var listed = (await http.GetAsync("admin/api/workspaces/acme/rules", fixture.AdminToken))["rules"]!.AsArray();

        var id = (string)rule["id"]!;
        Assert.Equal(["created_at", "effect", "id", "note", "position", "tool", "when"], rule.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("gmail_send_email", (string)rule["tool"]!);
        Assert.Equal("recipients-all-in:acme.example", (string)rule["when"]!);
        Assert.Equal("auto", (string)rule["effect"]!);
        Assert.Equal("internal mail needs no approval", (string)rule["note"]!);
        Assert.Equal(1, (int)rule["position"]!);
        Assert.Equal(1, (int)denyAll["position"]!);
        Assert.Null(denyAll["note"]);
        Assert.Equal([(string)denyAll["id"]!, id], listed.Select(r => (string)r!["id"]!));
        Assert.Equal([1, 2], listed.Select(r => (int)r!["position"]!));

        using var removeDenyAll = await http.BrowserAsync(HttpMethod.Delete, $"admin/api/workspaces/acme/rules/{(string)denyAll["id"]!}");
        Assert.Equal(HttpStatusCode.NoContent, removeDenyAll.StatusCode);

        var subject = $"Internal {Guid.NewGuid():N}";
        var sent = (await fixture.Client.CallAsync("gmail_send_email", new JsonObject { ["to"] = new JsonArray("team@acme.example"), ["subject"] = subject, ["body"] = "hi" })).AssertSuccess().Structured();
        Assert.NotNull(sent["id"]);
        Assert.Equal(1, fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject));
        var audit = await http.GetAsync("admin/api/audit?workspace=acme&tool=gmail_send_email&status=succeeded&limit=1", fixture.AdminToken);
        Assert.Equal($"rule:{id}:auto", (string)audit["entries"]![0]!["decision"]!);

        using var remove = await http.BrowserAsync(HttpMethod.Delete, $"admin/api/workspaces/acme/rules/{id}");
        using var again = await http.BrowserAsync(HttpMethod.Delete, $"admin/api/workspaces/acme/rules/{id}");
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        await AdminHttp.ErrorAsync(again, HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await http.GetAsync("admin/api/workspaces/acme/rules", fixture.AdminToken))["rules"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"when":"always","effect":"deny"}""", "tool")]
    [InlineData("""{"tool":"gmail_send_email","effect":"deny"}""", "when")]
    [InlineData("""{"tool":"gmail_send_email","when":"sometimes","effect":"deny"}""", "when")]
    [InlineData("""{"tool":"gmail_send_email","when":"always","effect":"maybe"}""", "effect")]
    [InlineData("""{"tool":"gmail_send_email","when":"always","effect":"deny","position":99}""", "position")]
    [InlineData("""{"tool":"gmail_send_email","when":"always","effect":"deny","position":"first"}""", "position")]
    [InlineData("""{"tool":"bad tool!","when":"always","effect":"deny"}""", "tool")]
    public async Task AddRule_BadField_Is400NamingIt(string body, string field)
    {
        using var http = fixture.Http();

        using var response = await http.BearerAsync(HttpMethod.Post, "admin/api/workspaces/acme/rules", fixture.AdminToken, JsonNode.Parse(body));

        Assert.Contains($"'{field}'", await AdminHttp.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid"));
        Assert.Empty((await http.GetAsync("admin/api/workspaces/acme/rules", fixture.AdminToken))["rules"]!.AsArray());
    }

    [Fact]
    public async Task Domains_AreSetNormalised_AndBadOnesRefused()
    {
        using var http = fixture.Http();

        using var set = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/domains", fixture.AdminToken, JsonNode.Parse("""{"domains":["Acme.example","acme.io"]}"""));
        var workspace = await AdminHttp.JsonAsync(set, HttpStatusCode.OK);
        using var bad = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/domains", fixture.AdminToken, JsonNode.Parse("""{"domains":["not a domain"]}"""));
        using var notArray = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/domains", fixture.AdminToken, JsonNode.Parse("""{"domains":"acme.io"}"""));
        var listed = (await http.GetAsync("admin/api/workspaces", fixture.AdminToken))["workspaces"]![0]!;
        using var clear = await http.BearerAsync(HttpMethod.Put, "admin/api/workspaces/acme/domains", fixture.AdminToken, JsonNode.Parse("""{"domains":[]}"""));

        Assert.Equal("acme", (string)workspace["slug"]!);
        Assert.Equal(["acme.example", "acme.io"], workspace["domains"]!.AsArray().Select(d => (string)d!));
        Assert.Contains("'domains'", await AdminHttp.ErrorAsync(bad, HttpStatusCode.BadRequest, "invalid"));
        Assert.Contains("'domains'", await AdminHttp.ErrorAsync(notArray, HttpStatusCode.BadRequest, "invalid"));
        Assert.Equal(["acme.example", "acme.io"], listed["domains"]!.AsArray().Select(d => (string)d!));
        Assert.Empty((await AdminHttp.JsonAsync(clear, HttpStatusCode.OK))["domains"]!.AsArray());
    }
}
