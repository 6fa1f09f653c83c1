using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed partial class AdminTokenCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_PrintsOnlyTheToken_IdAndNameOnStderr_AndTheTokenIsLive()
    {
        var result = await _cli.RunAsync("admin", "token", "create", "--name", "ops laptop");

        Assert.Equal(0, result.ExitCode);
        var token = Assert.Single(result.StdoutLines);
        Assert.Equal(token + "\n", result.Stdout.Replace("\r\n", "\n"));
        Assert.Matches("^cma_[A-Za-z0-9_-]{43}$", token);
        Assert.DoesNotContain(token, result.Stderr);
        Assert.Matches(TokenId(), result.Stderr);
        Assert.Contains("'ops laptop'", result.Stderr);
        Assert.Contains("only time it is shown", result.Stderr);

        await using var services = await _cli.BuildServicesAsync();
        var found = await services.GetRequiredService<IAdminTokenStore>().FindBySecretAsync(token, CancellationToken.None);
        Assert.Equal("ops laptop", found?.Name);
        Assert.Null((await services.GetRequiredService<IWorkspaceStore>().FindByApiKeyAsync(token, CancellationToken.None))?.Workspace);
    }

    [Fact]
    public async Task Create_WithoutName_IsNamedAdmin()
    {
        var result = await _cli.RunAsync("admin", "token", "create");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("('admin')", result.Stderr);
    }

    [Fact]
    public async Task List_ShowsIdsNamesAndStates_NeverTheToken()
    {
        var first = await _cli.RunAsync("admin", "token", "create", "--name", "first");
        var second = await _cli.RunAsync("admin", "token", "create", "--name", "second");
        var firstId = TokenId().Match(first.Stderr).Value;
        await _cli.RunAsync("admin", "token", "revoke", firstId);

        var table = await _cli.RunAsync("admin", "token", "list");
        var json = CliHarness.JsonLines(await _cli.RunAsync("admin", "token", "list", "--json"));

        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("ID", table.StdoutLines[0]);
        Assert.Contains("LAST_USED_AT", table.StdoutLines[0]);
        Assert.Equal(3, table.StdoutLines.Length);
        Assert.DoesNotContain(first.Stdout.Trim(), table.Stdout);
        Assert.DoesNotContain(second.Stdout.Trim(), table.Stdout);
        Assert.Equal(["first", "second"], json.Select(j => (string)j["name"]!));
        Assert.Equal(["created_at", "id", "last_used_at", "name", "revoked_at"], json[0].Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(firstId, (string)json[0]["id"]!);
        Assert.NotNull(json[0]["revoked_at"]);
        Assert.Null(json[1]["revoked_at"]);
    }

    [Fact]
    public async Task List_Empty_SaysHowToCreateOne()
    {
        var result = await _cli.RunAsync("admin", "token", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("admin token create", result.Stderr);
    }

    [Fact]
    public async Task Revoke_TokenStopsWorking_UnknownIdIsRefused()
    {
        var create = await _cli.RunAsync("admin", "token", "create");
        var id = TokenId().Match(create.Stderr).Value;

        var revoke = await _cli.RunAsync("admin", "token", "revoke", id);
        var unknown = await _cli.RunAsync("admin", "token", "revoke", "adm_nope");

        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains("revoked", revoke.Stderr);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("admin token list", unknown.Stderr);
        await using var services = await _cli.BuildServicesAsync();
        Assert.Null(await services.GetRequiredService<IAdminTokenStore>().FindBySecretAsync(create.Stdout.Trim(), CancellationToken.None));
    }

    [GeneratedRegex("adm_[0-9a-z]{24}")]
    private static partial Regex TokenId();
}
