using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

/// <summary><c>apikey create --read-only --tools --name</c>, <c>apikey list [--json]</c> and <c>apikey revoke ID</c>.</summary>
public sealed partial class ApiKeyScopeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_Scoped_PrintsOnlyTheKey_ItsIdAndScopeOnStderr_AndStoresTheScope()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("apikey", "create", "acme", "--read-only", "--tools", "gmail_*, *_list_*", "--name", "reporting bot");

        Assert.Equal(0, result.ExitCode);
        var key = Assert.Single(result.StdoutLines);
        var id = KeyId().Match(result.Stderr).Value;
        Assert.Contains($"API key {id} for workspace 'acme' created (read-only, tools gmail_*,*_list_*)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(key, result.Stderr, StringComparison.Ordinal);
        await using var services = await _cli.BuildServicesAsync();
        var match = await services.GetRequiredService<IWorkspaceStore>().FindByApiKeyAsync(key, CancellationToken.None);
        Assert.Equal((id, ToolScope.Create(true, ["gmail_*", "*_list_*"])), (match?.KeyId, match?.Scope));
    }

    [Fact]
    public async Task Create_WithAToolMode_StoresIt_AndListShowsIt()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("apikey", "create", "acme", "--tool-mode", "discovery");
        var bad = await _cli.RunAsync("apikey", "create", "acme", "--tool-mode", "some");
        var list = await _cli.RunAsync("apikey", "list", "acme", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("created (all tools, discovery mode)", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        var row = System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(list.StdoutLines))!;
        Assert.Equal(("discovery", "all tools, discovery mode"), ((string?)row["tool_mode"], (string?)row["scope"]));
        await using var services = await _cli.BuildServicesAsync();
        var match = await services.GetRequiredService<IWorkspaceStore>().FindByApiKeyAsync(Assert.Single(result.StdoutLines), CancellationToken.None);
        Assert.Equal(ToolMode.Discovery, match?.Scope.Mode);
    }

    [Theory]
    [InlineData("gmail send")]
    [InlineData("gmail_*,bad/pattern")]
    [InlineData(",")]
    public async Task Create_BadPattern_IsAUsageError_ThatSaysWhatAPatternIs_AndCreatesNothing(string tools)
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("apikey", "create", "acme", "--tools", tools);
        var list = await _cli.RunAsync("apikey", "list", "acme", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Matches("error: .*(is not a tool pattern: use a tool name such as gmail_send_email, or a glob with \\*|--tools needs at least one pattern)", result.Stderr);
        Assert.Equal("", list.Stdout);
    }

    [Fact]
    public async Task List_ShowsIdNameScopeAndTimes_NeverTheKeyOrItsHash()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var full = (await _cli.RunAsync("apikey", "create", "acme")).Stdout.Trim();
        _cli.Time.Advance(TimeSpan.FromMinutes(1));
        var scoped = await _cli.RunAsync("apikey", "create", "acme", "--tools", "gmail_*", "--name", "ci");
        await _cli.RunAsync("apikey", "revoke", KeyId().Match(scoped.Stderr).Value);

        var json = await _cli.RunAsync("apikey", "list", "acme", "--json");
        var table = await _cli.RunAsync("apikey", "list", "acme");

        Assert.Equal(0, json.ExitCode);
        var rows = CliHarness.JsonLines(json);
        Assert.Equal(2, rows.Length);
        Assert.Equal(
            ["id", "name", "scope", "read_only", "tools", "tool_mode", "created_at", "revoked_at"],
            rows[0].Select(p => p.Key).ToArray());
        Assert.Equal(("all tools", false, 0, (string?)null, (string?)null), ((string)rows[0]["scope"]!, (bool)rows[0]["read_only"]!, rows[0]["tools"]!.AsArray().Count, (string?)rows[0]["name"], (string?)rows[0]["revoked_at"]));
        Assert.Equal(("tools gmail_*", "ci", "gmail_*"), ((string)rows[1]["scope"]!, (string)rows[1]["name"]!, (string)rows[1]["tools"]![0]!));
        Assert.NotNull((string?)rows[1]["revoked_at"]);
        Assert.Matches("^ID +NAME +SCOPE +CREATED_AT +REVOKED_AT", table.StdoutLines[0]);
        Assert.Contains(table.StdoutLines, l => l.Contains("tools gmail_*", StringComparison.Ordinal) && l.Contains(" ci ", StringComparison.Ordinal));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full)));
        foreach (var output in new[] { json.Stdout + json.Stderr, table.Stdout + table.Stderr })
        {
            Assert.DoesNotContain("cmk_", output, StringComparison.Ordinal);
            Assert.DoesNotContain(hash[..12], output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_NoKeys_SaysHowToCreateOne_UnknownWorkspace_IsRefused()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var empty = await _cli.RunAsync("apikey", "list", "acme");
        var unknown = await _cli.RunAsync("apikey", "list", "nope");

        Assert.Equal((0, ""), (empty.ExitCode, empty.Stdout));
        Assert.Contains("`connectors-mcp apikey create acme`", empty.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No workspace 'nope'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_TheKeyStopsOpening_ASecondRevokeSaysItWasAlreadyRevoked_UnknownIdIsRefused()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var created = await _cli.RunAsync("apikey", "create", "acme", "--name", "laptop");
        var key = created.Stdout.Trim();
        var id = KeyId().Match(created.Stderr).Value;

        var first = await _cli.RunAsync("apikey", "revoke", id);
        var second = await _cli.RunAsync("apikey", "revoke", id);
        var unknown = await _cli.RunAsync("apikey", "revoke", "key_nope");

        Assert.Equal((0, ""), (first.ExitCode, first.Stdout));
        Assert.Contains($"API key {id} ('laptop') is revoked", first.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"API key {id} ('laptop') was already revoked at ", second.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing changed", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: No API key 'key_nope'. `connectors-mcp apikey list SLUG` shows the ids.", unknown.Stderr.Trim());
        await using var services = await _cli.BuildServicesAsync();
        Assert.Null(await services.GetRequiredService<IWorkspaceStore>().FindByApiKeyAsync(key, CancellationToken.None));
    }

    [GeneratedRegex("key_[0-9a-z]{24}")]
    private static partial Regex KeyId();
}
