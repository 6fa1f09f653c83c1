using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_PrintsOnlyTheKey_AndTheKeyOpensItsWorkspace()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var result = await _cli.RunAsync("apikey", "create", "acme");

        Assert.Equal(0, result.ExitCode);
        var key = Assert.Single(result.StdoutLines);
        Assert.Equal(key + "\n", result.Stdout.Replace("\r\n", "\n"));
        Assert.DoesNotContain(' ', key);
        Assert.True(key.Length >= 20, $"key '{key.Length}' chars");
        Assert.DoesNotContain(key, result.Stderr);

        await using var services = await _cli.BuildServicesAsync();
        var workspace = (await services.GetRequiredService<IWorkspaceStore>().FindByApiKeyAsync(key, CancellationToken.None))?.Workspace;
        Assert.Equal("acme", workspace?.Slug);
    }

    [Fact]
    public async Task Create_UnknownWorkspace_SaysHowToCreateIt()
    {
        var result = await _cli.RunAsync("apikey", "create", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(
            "error: No workspace 'nope'. Create it with `connectors-mcp workspace create nope` or see `connectors-mcp workspace list`.",
            result.Stderr.Trim());
    }
}
