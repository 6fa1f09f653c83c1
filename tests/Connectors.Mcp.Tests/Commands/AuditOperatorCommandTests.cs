using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Mcp.Tests.Commands;

/// <summary>
/// Every operator change made from the CLI leaves one record that <c>audit operator</c> shows: who (<c>cli:USER</c>),
/// when (the clock's time), what, the old and the new value — never a secret.
/// </summary>
public sealed partial class AuditOperatorCommandTests : IDisposable
{
    private const string At = "2025-06-01T12:00:00.000Z";

    private static readonly string Actor = $"cli:{Environment.UserName}";

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task PolicySet_IsRecordedWithOldAndNewPolicy()
    {
        await ArrangeWorkspaceAsync();

        var first = await ChangeAsync("policy", "set", "acme", "gmail_send_email", "auto");
        var second = await ChangeAsync("policy", "set", "acme", "gmail_send_email", "deny");

        AssertChange(first, "policy.set", "gmail_send_email", null, "auto");
        AssertChange(second, "policy.set", "gmail_send_email", "auto", "deny");
    }

    [Fact]
    public async Task RuleAddAndRemove_AreRecordedWithTheRuleText()
    {
        await ArrangeWorkspaceAsync();
        var added = await ChangeAsync("policy", "rule", "add", "acme", "gmail_send_email", "approve", "--when", "recipients-any-outside:workspace", "--note", "outside mail");
        var ruleId = (string)added["target"]!;

        var removed = await ChangeAsync("policy", "rule", "remove", "acme", ruleId);

        Assert.StartsWith("rul_", ruleId);
        AssertChange(added, "rule.add", ruleId, null, "#1 gmail_send_email when recipients-any-outside:workspace → approve (outside mail)");
        AssertChange(removed, "rule.remove", ruleId, "#1 gmail_send_email when recipients-any-outside:workspace → approve (outside mail)", null);
    }

    [Fact]
    public async Task SetDomains_IsRecordedWithOldAndNewDomains()
    {
        await ArrangeWorkspaceAsync();

        var set = await ChangeAsync("workspace", "set-domains", "acme", "acme.com,acme.io");
        var cleared = await ChangeAsync("workspace", "set-domains", "acme", "--clear");

        AssertChange(set, "domains.set", null, "", "acme.com,acme.io");
        AssertChange(cleared, "domains.set", null, "acme.com,acme.io", "");
    }

    [Fact]
    public async Task SetLimits_IsRecordedWithOldAndNewOverrides()
    {
        await ArrangeWorkspaceAsync();

        var set = await ChangeAsync("workspace", "set-limits", "acme", "--calls-per-minute", "120");
        var reset = await ChangeAsync("workspace", "set-limits", "acme", "--reset");

        AssertChange(set, "limits.set", null, "calls_per_minute=plan, connector_calls_per_minute=plan", "calls_per_minute=120, connector_calls_per_minute=plan");
        AssertChange(reset, "limits.set", null, "calls_per_minute=120, connector_calls_per_minute=plan", "calls_per_minute=plan, connector_calls_per_minute=plan");
    }

    [Fact]
    public async Task ApiKeyCreateAndRevoke_AreRecordedByIdNameAndScope()
    {
        await ArrangeWorkspaceAsync();

        var created = await ChangeAsync("apikey", "create", "acme", "--name", "ci", "--read-only");
        var target = (string)created["target"]!;
        var id = target.Split(' ')[0];
        var revoked = await ChangeAsync("apikey", "revoke", id);

        AssertChange(created, "apikey.create", $"{id} 'ci'", null, "active; scope: read-only");
        Assert.Matches("^key_[0-9a-z]{24}$", id);
        AssertChange(revoked, "apikey.revoke", $"{id} 'ci'", "active", "revoked");
    }

    [Fact]
    public async Task AdminTokenCreateAndRevoke_AreRecordedByIdAndName()
    {
        var created = await ChangeAsync("admin", "token", "create", "--name", "ops");
        var tokenId = TokenId().Match((string)created["target"]!).Value;

        var revoked = await ChangeAsync("admin", "token", "revoke", tokenId);

        AssertChange(created, "admin_token.create", $"{tokenId} 'ops'", null, "active", workspace: null);
        AssertChange(revoked, "admin_token.revoke", $"{tokenId} 'ops'", "active", "revoked", workspace: null);
    }

    [Fact]
    public async Task NoRecord_ContainsASecret()
    {
        await ArrangeWorkspaceAsync();
        var apiKey = (await _cli.RunAsync("apikey", "create", "acme")).Stdout.Trim();
        var adminToken = (await _cli.RunAsync("admin", "token", "create", "--name", "ops")).Stdout.Trim();
        await _cli.RunAsync("admin", "token", "revoke", TokenId().Match((await _cli.RunAsync("admin", "token", "list")).Stdout).Value);

        var json = await _cli.RunAsync("audit", "operator", "--json");
        var table = await _cli.RunAsync("audit", "operator");

        Assert.Matches("^cmk_", apiKey);
        Assert.Matches("^cma_", adminToken);
        Assert.Equal(3, CliHarness.JsonLines(json).Length);
        foreach (var output in new[] { json.Stdout, table.Stdout })
        {
            Assert.DoesNotContain(apiKey, output, StringComparison.Ordinal);
            Assert.DoesNotContain(adminToken, output, StringComparison.Ordinal);
            Assert.DoesNotContain("cmk_", output, StringComparison.Ordinal);
            Assert.DoesNotContain("cma_", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_NewestFirst_FiltersByWorkspace_AndShowsATable()
    {
        await ArrangeWorkspaceAsync();
        await _cli.CreateWorkspaceAsync("globex");
        await _cli.RunAsync("workspace", "set-domains", "acme", "acme.com");
        await _cli.RunAsync("workspace", "set-domains", "globex", "globex.com");
        await _cli.RunAsync("admin", "token", "create", "--name", "ops");

        var all = CliHarness.JsonLines(await _cli.RunAsync("audit", "operator", "--json"));
        var acme = CliHarness.JsonLines(await _cli.RunAsync("audit", "operator", "--workspace", "acme", "--json"));
        var limited = CliHarness.JsonLines(await _cli.RunAsync("audit", "operator", "--json", "--limit", "1"));
        var table = await _cli.RunAsync("audit", "operator");
        var unknown = await _cli.RunAsync("audit", "operator", "--workspace", "nope");
        var badLimit = await _cli.RunAsync("audit", "operator", "--limit", "0");

        Assert.Equal(["admin_token.create", "domains.set", "domains.set"], all.Select(c => (string)c["action"]!));
        Assert.Equal([null, "globex", "acme"], all.Select(c => (string?)c["workspace"]));
        Assert.Equal(["acme.com"], acme.Select(c => (string)c["new_value"]!));
        Assert.Equal("admin_token.create", (string)Assert.Single(limited)["action"]!);
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(["ID", "AT", "ACTOR", "WORKSPACE", "ACTION", "TARGET", "OLD_VALUE", "NEW_VALUE"], table.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(4, table.StdoutLines.Length);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No workspace 'nope'", unknown.Stderr);
        Assert.Equal(2, badLimit.ExitCode);
    }

    [Fact]
    public async Task RefusedChange_IsNotRecorded()
    {
        await ArrangeWorkspaceAsync();

        var refused = await _cli.RunAsync("workspace", "set-domains", "acme", "*.acme.com");
        var unknownRule = await _cli.RunAsync("policy", "rule", "remove", "acme", "rul_nope");
        var empty = await _cli.RunAsync("audit", "operator");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.NotEqual(0, unknownRule.ExitCode);
        Assert.Equal(0, empty.ExitCode);
        Assert.Equal("", empty.Stdout);
        Assert.Contains("No operator changes recorded yet.", empty.Stderr);
    }

    private static void AssertChange(JsonObject change, string action, string? target, string? oldValue, string? newValue, string? workspace = "acme")
    {
        Assert.Equal(Actor, (string?)change["actor"]);
        Assert.Equal(At, (string?)change["at"]);
        Assert.Equal(workspace, (string?)change["workspace"]);
        Assert.Equal(action, (string?)change["action"]);
        Assert.Equal(target, (string?)change["target"]);
        Assert.Equal(oldValue, (string?)change["old_value"]);
        Assert.Equal(newValue, (string?)change["new_value"]);
    }

    [GeneratedRegex("adm_[0-9a-z]{24}")]
    private static partial Regex TokenId();

    /// <summary>Workspace acme with a Gmail connector (so it has tools), before any operator change.</summary>
    private async Task ArrangeWorkspaceAsync()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");
    }

    /// <summary>Runs the change (asserting success) and returns the one record it added, the newest.</summary>
    private async Task<JsonObject> ChangeAsync(params string[] command)
    {
        var before = await _cli.RunAsync("audit", "operator", "--json");
        var result = await _cli.RunAsync(command);
        Assert.True(result.ExitCode == 0, result.ToString());
        var after = await _cli.RunAsync("audit", "operator", "--json");
        Assert.True(after.ExitCode == 0, after.ToString());
        var records = CliHarness.JsonLines(after);
        Assert.Equal(before.StdoutLines.Length + 1, records.Length);
        return records[0];
    }
}
