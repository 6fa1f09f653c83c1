using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Commands;

/// <summary>
/// <c>connector set-tools CONNECTOR_ID ACTION[,ACTION…] | --all</c> through the real root command: what it prints, what
/// <c>connector list</c> then shows, the refusals (unknown action, empty list, both or neither form) and the operator
/// audit record.
/// </summary>
public sealed class ConnectorSetToolsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SetTools_ThenAll_PrintsAndListShowsThePublishedActions()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");
        Assert.Equal("all", (string?)(await ListedAsync())["published_actions"]);

        var set = await _cli.RunAsync("connector", "set-tools", id, "send_email, search_inbox");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal($"Connector 'gmail' ({id}) now publishes 2 of 6 actions: search_inbox, send_email.", Assert.Single(set.StdoutLines));
        Assert.Equal(["search_inbox", "send_email"], (await ListedAsync())["published_actions"]!.AsArray().Select(a => (string)a!));
        var table = await _cli.RunAsync("connector", "list", "acme");
        Assert.Contains("search_inbox,send_email", table.StdoutLines[1], StringComparison.Ordinal);

        var all = await _cli.RunAsync("connector", "set-tools", id, "--all");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal($"Connector 'gmail' ({id}) now publishes all 6 actions.", Assert.Single(all.StdoutLines));
        Assert.Equal("all", (string?)(await ListedAsync())["published_actions"]);
    }

    [Fact]
    public async Task SetTools_UnknownAction_UsageErrorListingTheTypesActions()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var result = await _cli.RunAsync("connector", "set-tools", id, "search_inbox,send_fax");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("has no action 'send_fax'; its actions: search_inbox, get_message, send_email, create_draft, list_labels, modify_labels.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("all", (string?)(await ListedAsync())["published_actions"]);
    }

    [Theory]
    [InlineData(new[] { "," }, "disable it with")]
    [InlineData(new string[0], "either the actions to publish")]
    [InlineData(new[] { "search_inbox", "--all" }, "either the actions to publish")]
    public async Task SetTools_EmptyOrAmbiguous_IsAUsageError(string[] rest, string expected)
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        var result = await _cli.RunAsync(["connector", "set-tools", id, .. rest]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetTools_UnknownConnector_RefusedWithHowToFindIds()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("connector", "set-tools", "con_missing", "--all");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("connector list", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetTools_IsRecordedInTheOperatorAuditLog()
    {
        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");

        Assert.Equal(0, (await _cli.RunAsync("connector", "set-tools", id, "search_inbox")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("connector", "set-tools", id, "--all")).ExitCode);

        var records = CliHarness.JsonLines(await _cli.RunAsync("audit", "operator", "--json"));
        Assert.Equal(
            [("connector.tools.set", $"{id} 'gmail'", "search_inbox", "all"), ("connector.tools.set", $"{id} 'gmail'", "all", "search_inbox")],
            records.Take(2).Select(r => ((string)r["action"]!, (string)r["target"]!, (string)r["old_value"]!, (string)r["new_value"]!)));
        Assert.All(records.Take(2), r => Assert.Equal(($"cli:{Environment.UserName}", "acme"), ((string)r["actor"]!, (string)r["workspace"]!)));
    }

    private async Task<JsonObject> ListedAsync()
    {
        var list = await _cli.RunAsync("connector", "list", "acme", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        return Assert.Single(CliHarness.JsonLines(list));
    }
}
