using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class PolicyRuleCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Add_TheIssueExamples_PrintsIdsAndStoresThemInOrder()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");

        var auto = await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_send_email", "auto", "--when", "recipients-all-in:acme.com", "--note", "own domain");
        var approve = await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_send_email", "approve");
        var deny = await _cli.RunAsync("policy", "rule", "add", "acme", "*delete*", "deny", "--position", "1");

        Assert.True(auto.ExitCode == 0, auto.ToString());
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.True(deny.ExitCode == 0, deny.ToString());
        var autoId = Assert.Single(auto.StdoutLines);
        Assert.Matches("^rul_[0-9a-z]{24}$", autoId);
        Assert.Contains($"Rule {autoId} is number 1 of workspace 'acme': gmail_send_email when recipients-all-in:acme.com → auto.", auto.Stderr);
        // The gmail connector has no delete tool: accepted, with a warning.
        Assert.Contains("warning: '*delete*' matches none of workspace 'acme''s tools", deny.Stderr);

        var rules = await RulesAsync("acme");
        Assert.Equal([deny.Stdout.Trim(), autoId, approve.Stdout.Trim()], rules.Select(r => r.Id));
        Assert.Equal([1, 2, 3], rules.Select(r => r.Position));
        Assert.Equal(new RecipientsAllInCondition(DomainSet.Parse("acme.com")), rules[1].Condition);
        Assert.Equal(ApprovalPolicy.Auto, rules[1].Effect);
        Assert.Equal("own domain", rules[1].Note);
        Assert.IsType<AlwaysCondition>(rules[2].Condition);
        Assert.Equal(("*delete*", ApprovalPolicy.Deny), (rules[0].ToolPattern, rules[0].Effect));
    }

    [Fact]
    public async Task List_ShowsPositionIdToolWhenEffectNote_AsTableAndJson()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");
        var id = (await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_send_email", "auto", "--when", "recipients-all-in:acme.com,workspace", "--note", "mail to ourselves")).Stdout.Trim();
        await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_*", "approve");

        var table = await _cli.RunAsync("policy", "rule", "list", "acme");
        var json = await _cli.RunAsync("policy", "rule", "list", "acme", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"^POSITION\s+ID\s+TOOL\s+WHEN\s+EFFECT\s+NOTE$", table.StdoutLines[0]);
        Assert.Matches($@"^1\s+{id}\s+gmail_send_email\s+recipients-all-in:acme.com,workspace\s+auto\s+mail to ourselves$", table.StdoutLines[1]);
        Assert.Matches(@"^2\s+rul_\w+\s+gmail_\*\s+always\s+approve$", table.StdoutLines[2]);
        var lines = CliHarness.JsonLines(json);
        Assert.Equal(2, lines.Length);
        Assert.Equal(1, (int)lines[0]["position"]!);
        Assert.Equal(id, (string)lines[0]["id"]!);
        Assert.Equal("gmail_send_email", (string)lines[0]["tool"]!);
        Assert.Equal("recipients-all-in:acme.com,workspace", (string)lines[0]["when"]!);
        Assert.Equal("auto", (string)lines[0]["effect"]!);
        Assert.Equal("mail to ourselves", (string)lines[0]["note"]!);
        Assert.Equal("2025-06-01T12:00:00.000Z", (string)lines[0]["created_at"]!);
        Assert.Null(lines[1]["note"]);
    }

    [Fact]
    public async Task List_NoRules_SaysHowToAddOne()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var listed = await _cli.RunAsync("policy", "rule", "list", "acme");

        Assert.Equal(0, listed.ExitCode);
        Assert.Equal("", listed.Stdout);
        Assert.Contains("policy rule add acme", listed.Stderr);
    }

    [Fact]
    public async Task Remove_MovesLaterRulesUp_AndAnUnknownIdIsRefused()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");
        var first = (await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_send_email", "deny")).Stdout.Trim();
        var second = (await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_create_draft", "approve")).Stdout.Trim();

        var removed = await _cli.RunAsync("policy", "rule", "remove", "acme", first);
        var again = await _cli.RunAsync("policy", "rule", "remove", "acme", first);

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal($"Removed rule {first} from workspace 'acme'.", removed.Stdout.Trim());
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"Workspace 'acme' has no rule '{first}'", again.Stderr);
        var rule = Assert.Single(await RulesAsync("acme"));
        Assert.Equal((second, 1), (rule.Id, rule.Position));
    }

    [Fact]
    public async Task Remove_AnotherWorkspacesRule_IsRefusedAndKept()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.CreateWorkspaceAsync("globex");
        var id = (await _cli.RunAsync("policy", "rule", "add", "globex", "*", "approve")).Stdout.Trim();

        var removed = await _cli.RunAsync("policy", "rule", "remove", "acme", id);

        Assert.Equal(1, removed.ExitCode);
        Assert.Single(await RulesAsync("globex"));
    }

    [Theory]
    [InlineData("sometimes", "Condition 'sometimes' does not start with a known condition")]
    [InlineData("recipients-all-in:", "lists no domain")]
    [InlineData("recipients-all-in:acme", "'acme' is not a domain")]
    [InlineData("argument:send_updates", "needs NAME=VALUE")]
    public async Task Add_BadCondition_IsAUsageErrorNamingItAndTheAcceptedForms(string condition, string problem)
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_send_email", "auto", "--when", condition);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--when", result.Stderr);
        Assert.Contains(problem, result.Stderr);
        Assert.Contains("recipients-any-outside:DOMAINS", result.Stderr);
        Assert.Empty(await RulesAsync("acme"));
    }

    [Fact]
    public async Task Add_BadEffect_IsAUsageErrorNamingTheValidOnes()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_send_email", "ask");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'auto' 'approve' 'deny'", result.Stderr);
    }

    [Fact]
    public async Task Add_BadToolPattern_IsAUsageError()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("policy", "rule", "add", "acme", "gmail send", "deny");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'gmail send' is not a tool pattern", result.Stderr);
        Assert.DoesNotContain("Parameter", result.Stderr);
    }

    [Theory]
    [InlineData("0", "--position must be 1 or more")]
    [InlineData("3", "--position: Position 3 is not between 1 and 2")]
    public async Task Add_BadPosition_IsAUsageError(string position, string message)
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.RunAsync("policy", "rule", "add", "acme", "*", "approve");

        var result = await _cli.RunAsync("policy", "rule", "add", "acme", "*", "deny", "--position", position);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("(Parameter", result.Stderr);
        Assert.Single(await RulesAsync("acme"));
    }

    [Fact]
    public async Task Add_UnknownWorkspace_IsRefused()
    {
        var result = await _cli.RunAsync("policy", "rule", "add", "nope", "*", "deny");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No workspace 'nope'.", result.Stderr);
    }

    [Fact]
    public async Task Add_RecipientConditionOnToolsWithoutRecipients_WarnsThatItNeverMatches()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");

        var result = await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_search_inbox", "auto", "--when", "recipients-all-in:acme.com");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no tool matching 'gmail_search_inbox' (gmail_search_inbox) has recipients, so 'recipients-all-in:acme.com' never matches", result.Stderr);
        Assert.Single(await RulesAsync("acme"));
    }

    [Fact]
    public async Task Add_WorkspaceWithoutConnectors_WarnsButAccepts()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("policy", "rule", "add", "acme", "gmail_send_email", "approve");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: workspace 'acme' has no tools yet", result.Stderr);
    }

    private async Task<IReadOnlyList<ApprovalRule>> RulesAsync(string slug)
    {
        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(slug, CancellationToken.None);
        return await services.GetRequiredService<IApprovalRuleStore>().ListAsync(workspace!.Id, CancellationToken.None);
    }
}
