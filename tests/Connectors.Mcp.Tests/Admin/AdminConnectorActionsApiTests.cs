using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// <c>GET/PUT /admin/api/connectors/{id}/actions</c> against a real server: every action with its read-only flag and
/// whether it is published; a PUT narrows what MCP clients list, is audited as the admin token, and refuses an empty list,
/// an unknown action and a malformed body; a console session needs its CSRF token.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminConnectorActionsApiTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    private string Path => $"admin/api/connectors/{fixture.Gmail.ConnectorId}/actions";

    [Fact]
    public async Task Get_ListsEveryActionWithReadOnlyAndPublished()
    {
        using var http = fixture.Http();

        var body = await http.GetAsync(Path, fixture.AdminToken);

        Assert.Equal((fixture.Gmail.ConnectorId, "gmail", "gmail", "all"), ((string)body["id"]!, (string)body["name"]!, (string)body["type"]!, (string)body["published"]!));
        var actions = body["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(["search_inbox", "get_message", "send_email", "create_draft", "list_labels", "modify_labels"], actions.Select(a => (string)a["name"]!));
        Assert.All(actions, a => Assert.True((bool)a["published"]!));
        Assert.Equal(["search_inbox", "get_message", "list_labels"], actions.Where(a => (bool)a["read_only"]!).Select(a => (string)a["name"]!));
        Assert.Equal("gmail_send_email", (string)actions[2]["tool"]!);
    }

    [Fact]
    public async Task Put_NarrowsTheToolsClientsList_IsAudited_AndAllRestores()
    {
        using var http = fixture.Http();
        try
        {
            using var put = await http.BearerAsync(HttpMethod.Put, Path, fixture.AdminToken, new JsonObject { ["published"] = new JsonArray("list_labels", "search_inbox") });
            var body = await AdminHttp.JsonAsync(put, HttpStatusCode.OK);

            Assert.Equal(["search_inbox", "list_labels"], body["published"]!.AsArray().Select(a => (string)a!));
            Assert.Equal(["search_inbox", "list_labels"], body["actions"]!.AsArray().Where(a => (bool)a!["published"]!).Select(a => (string)a!["name"]!));
            var tools = (await fixture.Client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal);
            Assert.Equal(["get_approval", "gmail_list_labels", "gmail_search_inbox", "list_connectors"], tools);
            var connector = (await http.GetAsync("admin/api/workspaces/acme/connectors", fixture.AdminToken))["connectors"]![0]!;
            Assert.Equal(["gmail_search_inbox", "gmail_list_labels"], connector["tools"]!.AsArray().Select(t => (string)t!));
            Assert.Equal(["search_inbox", "list_labels"], connector["published"]!.AsArray().Select(t => (string)t!));
            var change = (await http.GetAsync("admin/api/operator-audit?workspace=acme&limit=1", fixture.AdminToken))["changes"]![0]!;
            Assert.Equal(
                ("connector.tools.set", $"admin:{AdminServerFixture.TokenName}", $"{fixture.Gmail.ConnectorId} 'gmail'", "all", "search_inbox,list_labels"),
                ((string)change["action"]!, (string)change["actor"]!, (string)change["target"]!, (string)change["old_value"]!, (string)change["new_value"]!));
        }
        finally
        {
            using var all = await http.BearerAsync(HttpMethod.Put, Path, fixture.AdminToken, new JsonObject { ["published"] = "all" });
            Assert.Equal("all", (string)(await AdminHttp.JsonAsync(all, HttpStatusCode.OK))["published"]!);
        }

        Assert.Contains(await fixture.Client.ListToolsRawAsync(), t => t.Name == "gmail_send_email");
    }

    [Fact]
    public async Task Put_Refusals_AreInvalidOrNotFound_AndChangeNothing()
    {
        using var http = fixture.Http();

        using var unknownAction = await http.BearerAsync(HttpMethod.Put, Path, fixture.AdminToken, new JsonObject { ["published"] = new JsonArray("send_fax") });
        using var empty = await http.BearerAsync(HttpMethod.Put, Path, fixture.AdminToken, new JsonObject { ["published"] = new JsonArray() });
        using var malformed = await http.BearerAsync(HttpMethod.Put, Path, fixture.AdminToken, new JsonObject { ["published"] = "some" });
        using var missing = await http.BearerAsync(HttpMethod.Put, Path, fixture.AdminToken, new JsonObject());
        using var unknownConnector = await http.BearerAsync(HttpMethod.Put, "admin/api/connectors/con_nope/actions", fixture.AdminToken, new JsonObject { ["published"] = "all" });

        Assert.Contains("has no action 'send_fax'; its actions: search_inbox, get_message, send_email", await AdminHttp.ErrorAsync(unknownAction, HttpStatusCode.BadRequest, "invalid"), StringComparison.Ordinal);
        Assert.Contains("at least one action", await AdminHttp.ErrorAsync(empty, HttpStatusCode.BadRequest, "invalid"), StringComparison.Ordinal);
        Assert.Contains("\"all\" or an array", await AdminHttp.ErrorAsync(malformed, HttpStatusCode.BadRequest, "invalid"), StringComparison.Ordinal);
        await AdminHttp.ErrorAsync(missing, HttpStatusCode.BadRequest, "invalid");
        await AdminHttp.ErrorAsync(unknownConnector, HttpStatusCode.NotFound, "not_found");
        Assert.Equal("all", (string)(await http.GetAsync(Path, fixture.AdminToken))["published"]!);
    }

    [Fact]
    public async Task Put_FromAConsoleSession_NeedsTheCsrfToken()
    {
        using var http = fixture.Http();
        await http.SignInAsync(fixture.AdminToken);

        using var withoutCsrf = await http.SendAsync(HttpMethod.Put, Path, new JsonObject { ["published"] = "all" }, origin: http.Origin);
        using var browser = await http.BrowserAsync(HttpMethod.Put, Path, new JsonObject { ["published"] = "all" });

        await AdminHttp.ErrorAsync(withoutCsrf, HttpStatusCode.Forbidden, "csrf");
        Assert.Equal("all", (string)(await AdminHttp.JsonAsync(browser, HttpStatusCode.OK))["published"]!);
    }
}
