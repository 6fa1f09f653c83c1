using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class PolicyCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("auto", ApprovalPolicy.Auto)]
    [InlineData("approve", ApprovalPolicy.Approve)]
    [InlineData("deny", ApprovalPolicy.Deny)]
    public async Task Set_StoresThePolicyOfAWorkspaceTool(string value, ApprovalPolicy expected)
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme", "work_mail");

        var result = await _cli.RunAsync("policy", "set", "acme", "work_mail_send_email", value);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Policy of 'work_mail_send_email' in workspace 'acme' is now {value}.", result.Stdout.Trim());
        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
        var policies = await services.GetRequiredService<IPolicyStore>().GetAllAsync(workspace!.Id, CancellationToken.None);
        Assert.Equal(expected, policies["work_mail_send_email"]);
    }

    [Fact]
    public async Task Set_UnknownPolicy_IsAUsageErrorNamingTheValidOnes()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");

        var result = await _cli.RunAsync("policy", "set", "acme", "gmail_send_email", "ask");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'auto' 'approve' 'deny'", result.Stderr);
    }

    [Fact]
    public async Task Set_UnknownTool_IsRefusedListingTheWorkspaceTools()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.AddConnectorAsync("acme");

        var result = await _cli.RunAsync("policy", "set", "acme", "gmail_sned_email", "deny");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no tool 'gmail_sned_email'", result.Stderr);
        Assert.Contains("gmail_search_inbox, gmail_get_message, gmail_send_email, gmail_create_draft, gmail_list_labels, gmail_modify_labels", result.Stderr);
    }

    [Fact]
    public async Task Set_WorkspaceWithoutConnectors_SaysToAddOne()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("policy", "set", "acme", "gmail_send_email", "deny");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("connector add acme", result.Stderr);
    }

    [Fact]
    public async Task Set_UnknownWorkspace_IsRefused()
    {
        var result = await _cli.RunAsync("policy", "set", "nope", "gmail_send_email", "deny");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No workspace 'nope'.", result.Stderr);
    }
}
