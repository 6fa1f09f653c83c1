using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;

namespace Connectors.Mcp.Tests.Admin;

/// <summary>
/// What the inbox (<c>GET /admin/api/approvals</c>) gives the person deciding. A busy workspace with hundreds waiting
/// must not hide a quiet workspace's one: the list pages (next_before_id) and says how many each workspace has. A
/// recipient domain that only looks Latin (<c>bob@exаmple.com</c>, Cyrillic <c>а</c>) comes with its punycode form
/// and a warning, in the summary and beside the arguments.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AdminApprovalInboxTests(AdminServerFixture fixture) : IClassFixture<AdminServerFixture>
{
    private const int Busy = 205;
    private const string CyrillicAddress = "bob@ex\u0430mple.com";
    private const string Warning = "⚠ ex\u0430mple.com is an internationalised domain (xn--exmple-4nf.com), mixing Latin and Cyrillic letters; it is not example.com.";

    [Fact]
    public async Task QueuedSend_ToACyrillicLookAlikeDomain_IsListedWithItsPunycodeForm_AndAWarning()
    {
        var subject = $"Invoice {Guid.NewGuid():N}";
        var queued = (await fixture.Client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray(CyrillicAddress, "alice@example.com"),
            ["subject"] = subject,
            ["body"] = "Please pay.",
        })).AssertSuccess().Structured();
        using var http = fixture.Http();

        var listed = (await http.GetAsync("admin/api/approvals?workspace=acme", fixture.AdminToken))["approvals"]!.AsArray()
            .Single(a => (string?)a!["id"] == (string)queued["approval_id"]!)!;

        var warning = Assert.Single(listed["recipient_warnings"]!.AsArray())!;
        Assert.Equal(CyrillicAddress, (string)warning["address"]!);
        Assert.Equal("bob@xn--exmple-4nf.com", (string)warning["ascii_address"]!);
        Assert.Equal(Warning, (string)warning["warning"]!);
        Assert.Contains($"To: {CyrillicAddress} (bob@xn--exmple-4nf.com), alice@example.com", (string)listed["summary"]!);
        Assert.Contains(Warning, (string)listed["summary"]!);
        // The agent's own view of the approval (get_approval) carries the same summary.
        var report = (await fixture.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = (string)queued["approval_id"]! })).AssertSuccess().Structured();
        Assert.Contains(Warning, (string)report["summary"]!);
    }

    [Fact]
    public async Task List_BusyWorkspaceWithMoreThan200_PagesToTheQuietWorkspacesOlderApproval_AndCountsEach()
    {
        await fixture.Installation.CreateWorkspaceAsync("quiet");
        await fixture.Installation.CreateWorkspaceAsync("busy");
        var quiet = (await SeededApprovals.CreateAsync(fixture.Installation.Home, "quiet", 1, "Quiet")).Single();
        var busy = await SeededApprovals.CreateAsync(fixture.Installation.Home, "busy", Busy, "Busy");
        using var http = fixture.Http();

        var first = await http.GetAsync("admin/api/approvals", fixture.AdminToken);
        var seen = new List<string>();
        var pages = 0;
        for (var page = first; ; page = await http.GetAsync($"admin/api/approvals?before_id={(string)page["next_before_id"]!}", fixture.AdminToken))
        {
            seen.AddRange(page["approvals"]!.AsArray().Select(a => (string)a!["id"]!));
            pages++;
            if (page["next_before_id"] is null || pages > 10)
            {
                break;
            }
        }

        Assert.Contains(quiet, seen);
        Assert.Equal(100, first["approvals"]!.AsArray().Count); // the default page
        var counts = first["counts"]!.AsArray().ToDictionary(c => (string)c!["workspace"]!, c => (int)c!["count"]!);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(busy.ToHashSet(), seen.ToHashSet());
        Assert.Equal(Busy, counts["busy"]);
        Assert.Equal(1, counts["quiet"]);
        Assert.True(counts.ContainsKey("acme"), "every workspace is counted, also one with none waiting");
        Assert.Equal(counts.Values.Sum(), (int)first["total"]!);

        var quietOnly = await http.GetAsync("admin/api/approvals?workspace=quiet", fixture.AdminToken);
        Assert.Equal([quiet], quietOnly["approvals"]!.AsArray().Select(a => (string)a!["id"]!));
        Assert.Null(quietOnly["next_before_id"]);
        Assert.Equal(1, (int)quietOnly["total"]!);

        var workspaces = (await http.GetAsync("admin/api/workspaces", fixture.AdminToken))["workspaces"]!.AsArray();
        Assert.Equal(Busy, (int)workspaces.Single(w => (string?)w!["slug"] == "busy")!["pending_approvals"]!);
    }

    [Theory]
    [InlineData("limit=0", "'limit'")]
    [InlineData("limit=201", "'limit'")]
    [InlineData("limit=ten", "'limit'")]
    [InlineData("before_id=apr_nope", "'before_id'")]
    public async Task List_BadPagingParameter_Is400NamingIt(string parameter, string named)
    {
        using var http = fixture.Http();

        using var response = await http.BearerAsync(HttpMethod.Get, "admin/api/approvals?" + parameter, fixture.AdminToken);

        Assert.Contains(named, await AdminHttp.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid"));
    }

    [Fact]
    public async Task List_Limit_CutsThePage_AndTheNextPageStartsAfterIt()
    {
        await fixture.Installation.CreateWorkspaceAsync("limits");
        var ids = await SeededApprovals.CreateAsync(fixture.Installation.Home, "limits", 3, "Limit");
        using var http = fixture.Http();

        var first = await http.GetAsync("admin/api/approvals?workspace=limits&limit=2", fixture.AdminToken);
        var second = await http.GetAsync($"admin/api/approvals?workspace=limits&limit=2&before_id={(string)first["next_before_id"]!}", fixture.AdminToken);

        Assert.Equal(2, first["approvals"]!.AsArray().Count);
        Assert.Single(second["approvals"]!.AsArray());
        Assert.Null(second["next_before_id"]);
        Assert.Equal(ids.Order(), first["approvals"]!.AsArray().Concat(second["approvals"]!.AsArray()).Select(a => (string)a!["id"]!).Order());
    }
}
