using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class WorkspaceSetDomainsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SetDomains_StoresThemNormalised_ListShowsThem_ClearRemovesThem()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var set = await _cli.RunAsync("workspace", "set-domains", "acme", "ACME.com, acme.io", "acme.com");
        var listed = Assert.Single(CliHarness.JsonLines(await _cli.RunAsync("workspace", "list", "--json")));
        var table = await _cli.RunAsync("workspace", "list");
        var cleared = await _cli.RunAsync("workspace", "set-domains", "acme", "--clear");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Equal("Domains of workspace 'acme': acme.com, acme.io.", set.Stdout.Trim());
        Assert.Equal(["acme.com", "acme.io"], listed["domains"]!.AsArray().Select(d => (string)d!));
        Assert.EndsWith("acme.com,acme.io", table.StdoutLines[1]);
        Assert.Equal(0, cleared.ExitCode);
        Assert.Contains("has no domains now", cleared.Stdout);
        Assert.Empty(await DomainsAsync("acme"));
    }

    [Fact]
    public async Task SetDomains_MovesTheCatalogVersion_SoRunningServersReload()
    {
        await _cli.CreateWorkspaceAsync("acme");
        long before;
        await using (var services = await _cli.BuildServicesAsync())
        {
            var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
            before = await services.GetRequiredService<IWorkspaceStore>().GetCatalogVersionAsync(workspace!.Id, CancellationToken.None);
        }

        await _cli.RunAsync("workspace", "set-domains", "acme", "acme.com");

        await using var after = await _cli.BuildServicesAsync();
        var store = after.GetRequiredService<IWorkspaceStore>();
        Assert.Equal(before + 1, await store.GetCatalogVersionAsync((await store.FindBySlugAsync("acme", CancellationToken.None))!.Id, CancellationToken.None));
    }

    [Fact]
    public async Task SetDomains_NotADomain_IsAUsageErrorNamingIt_AndNothingChanges()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.RunAsync("workspace", "set-domains", "acme", "acme.com");

        var result = await _cli.RunAsync("workspace", "set-domains", "acme", "acme.io,*.acme.com");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'*.acme.com' is not a domain name", result.Stderr);
        Assert.DoesNotContain("Parameter", result.Stderr);
        Assert.Equal(["acme.com"], await DomainsAsync("acme"));
    }

    [Theory]
    [InlineData]
    [InlineData("acme.com", "--clear")]
    public async Task SetDomains_NeitherOrBoth_IsAUsageError(params string[] extra)
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync(["workspace", "set-domains", "acme", .. extra]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--clear", result.Stderr);
    }

    [Fact]
    public async Task SetDomains_UnknownWorkspace_IsRefused()
    {
        var result = await _cli.RunAsync("workspace", "set-domains", "nope", "acme.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No workspace 'nope'.", result.Stderr);
    }

    private async Task<IReadOnlyList<string>> DomainsAsync(string slug)
    {
        await using var services = await _cli.BuildServicesAsync();
        return (await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync(slug, CancellationToken.None))!.Domains;
    }
}
