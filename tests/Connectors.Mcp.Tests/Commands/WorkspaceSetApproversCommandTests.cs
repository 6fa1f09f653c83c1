using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class WorkspaceSetApproversCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_Unset_ShowsTheDefaultOfEachMode()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var listed = Assert.Single(CliHarness.JsonLines(await _cli.RunAsync("workspace", "list", "--json")));
        var table = await _cli.RunAsync("workspace", "list");

        Assert.Equal("default (stdio: client, http: person)", (string)listed["approvers"]!);
        Assert.Equal("client", (string)listed["approvers_stdio"]!);
        Assert.Equal("person", (string)listed["approvers_http"]!);
        Assert.Contains("APPROVERS", table.StdoutLines[0]);
        Assert.Contains("default (stdio: client, http: person)", table.StdoutLines[1]);
    }

    [Theory]
    [InlineData("person")]
    [InlineData("client")]
    public async Task SetApprovers_StoresIt_ListShowsItForEveryMode_DefaultClearsIt(string approvers)
    {
        await _cli.CreateWorkspaceAsync("acme");

        var set = await _cli.RunAsync("workspace", "set-approvers", "acme", approvers);
        var listed = Assert.Single(CliHarness.JsonLines(await _cli.RunAsync("workspace", "list", "--json")));
        var stored = await ApproversAsync("acme");
        var reset = await _cli.RunAsync("workspace", "set-approvers", "acme", "default");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal($"Approvers of workspace 'acme': {approvers}.", set.Stdout.Trim());
        Assert.Equal(approvers, (string)listed["approvers"]!);
        Assert.Equal(approvers, (string)listed["approvers_stdio"]!);
        Assert.Equal(approvers, (string)listed["approvers_http"]!);
        Assert.Equal(approvers, stored?.ToName());
        Assert.Equal(0, reset.ExitCode);
        Assert.Equal("Approvers of workspace 'acme': default (stdio: client, http: person).", reset.Stdout.Trim());
        Assert.Null(await ApproversAsync("acme"));
    }

    [Fact]
    public async Task SetApprovers_MovesTheCatalogVersion_SoRunningServersApplyIt()
    {
        await _cli.CreateWorkspaceAsync("acme");
        long before;
        await using (var services = await _cli.BuildServicesAsync())
        {
            var store = services.GetRequiredService<IWorkspaceStore>();
            before = await store.GetCatalogVersionAsync((await store.FindBySlugAsync("acme", CancellationToken.None))!.Id, CancellationToken.None);
        }

        await _cli.RunAsync("workspace", "set-approvers", "acme", "person");

        await using var after = await _cli.BuildServicesAsync();
        var workspaces = after.GetRequiredService<IWorkspaceStore>();
        Assert.Equal(before + 1, await workspaces.GetCatalogVersionAsync((await workspaces.FindBySlugAsync("acme", CancellationToken.None))!.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData("anyone")]
    [InlineData("Person")]
    [InlineData("")]
    public async Task SetApprovers_UnknownValue_IsAUsageErrorListingTheChoices_AndNothingChanges(string value)
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.RunAsync("workspace", "set-approvers", "acme", "person");

        var result = await _cli.RunAsync("workspace", "set-approvers", "acme", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("client", result.Stderr);
        Assert.Contains("person", result.Stderr);
        Assert.Equal(Approvers.Person, await ApproversAsync("acme"));
    }

    [Fact]
    public async Task SetApprovers_UnknownWorkspace_IsRefused()
    {
        var result = await _cli.RunAsync("workspace", "set-approvers", "nope", "person");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No workspace 'nope'.", result.Stderr);
    }

    private async Task<Approvers?> ApproversAsync(string slug)
    {
        await using var services = await _cli.BuildServicesAsync();
        return (await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(slug, CancellationToken.None))!.Approvers;
    }
}
