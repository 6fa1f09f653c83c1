using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Commands;

public sealed class WorkspaceCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_ThenList_ShowsSlugAndPlanInATable()
    {
        var created = await _cli.RunAsync("workspace", "create", "acme", "--plan", "pro");
        Assert.Equal(0, created.ExitCode);
        Assert.Equal("Created workspace 'acme' (plan pro).", created.Stdout.Trim());

        var listed = await _cli.RunAsync("workspace", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(2, listed.StdoutLines.Length);
        Assert.StartsWith("SLUG", listed.StdoutLines[0]);
        Assert.Matches(@"^acme\s+pro\s+2\d{3}-\d\d-\d\dT", listed.StdoutLines[1]);
    }

    [Fact]
    public async Task Create_DefaultsToFreePlan()
    {
        await _cli.RunAsync("workspace", "create", "acme");

        await using var services = await _cli.BuildServicesAsync();
        var workspace = await services.GetRequiredService<IWorkspaceStore>().FindBySlugAsync("acme", CancellationToken.None);
        Assert.Equal(WorkspacePlan.Free, workspace!.Plan);
    }

    [Fact]
    public async Task ListJson_PrintsOneSnakeCaseObjectPerLine()
    {
        await _cli.CreateWorkspaceAsync("acme");
        await _cli.CreateWorkspaceAsync("globex", "enterprise");

        var listed = await _cli.RunAsync("workspace", "list", "--json");

        Assert.Equal(0, listed.ExitCode);
        var lines = CliHarness.JsonLines(listed);
        Assert.Equal(2, lines.Length);
        var bySlug = lines.ToDictionary(l => (string)l["slug"]!);
        Assert.Equal("free", (string)bySlug["acme"]["plan"]!);
        Assert.Equal("enterprise", (string)bySlug["globex"]["plan"]!);
        Assert.All(lines, l => Assert.True(DateTimeOffset.TryParse((string)l["created_at"]!, out _)));
        Assert.All(lines, l => Assert.All(l.Select(p => p.Key), key => Assert.Matches("^[a-z_]+$", key)));
    }

    [Fact]
    public async Task List_Empty_PrintsNothingOnStdoutAndAHintOnStderr()
    {
        var listed = await _cli.RunAsync("workspace", "list");

        Assert.Equal(0, listed.ExitCode);
        Assert.Equal("", listed.Stdout);
        Assert.Contains("connectors-mcp workspace create", listed.Stderr);
    }

    [Fact]
    public async Task Create_Duplicate_IsRefusedWithExit1()
    {
        await _cli.CreateWorkspaceAsync("acme");

        var again = await _cli.RunAsync("workspace", "create", "acme");

        Assert.Equal(1, again.ExitCode);
        Assert.Equal("", again.Stdout);
        Assert.StartsWith("error: ", again.Stderr);
        Assert.Contains("acme", again.Stderr);
    }

    [Fact]
    public async Task Create_UnknownPlan_IsAUsageErrorNamingTheValidPlans()
    {
        var result = await _cli.RunAsync("workspace", "create", "acme", "--plan", "gold");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("'gold'", result.Stderr);
        Assert.Contains("'free' 'pro' 'enterprise'", result.Stderr);
    }

    [Fact]
    public async Task Create_MalformedSlug_IsAUsageErrorWithTheStoreMessage()
    {
        var result = await _cli.RunAsync("workspace", "create", "Not A Slug");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.DoesNotContain("(Parameter", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task FirstSecret_CreatesMasterKeyWithMode0600()
    {
        Assert.Null(Environment.GetEnvironmentVariable("CONNECTORS_MCP_MASTER_KEY"));

        await _cli.CreateWorkspaceAsync("acme");
        var id = await _cli.AddConnectorAsync("acme");
        var set = await _cli.RunAsync("connector", "set-token", id, "--access-token", "ya29.token");
        Assert.Equal(0, set.ExitCode);

        var keyPath = Path.Combine(_cli.Root, "master.key");
        Assert.True(File.Exists(keyPath));
        Assert.True(File.Exists(Path.Combine(_cli.Root, "connectors.db")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(keyPath).Trim()).Length);
    }

    [Fact]
    public async Task Home_IsAcceptedBeforeOrAfterTheSubcommand()
    {
        var before = await _cli.RunRawAsync(["--home", _cli.Root, "workspace", "create", "acme"]);
        var after = await _cli.RunRawAsync(["workspace", "list", "--json", "--home", _cli.Root]);
        var between = await _cli.RunRawAsync(["workspace", "--home", _cli.Root, "list", "--json"]);

        Assert.Equal(0, before.ExitCode);
        Assert.Equal("acme", (string)CliHarness.JsonLines(after).Single()["slug"]!);
        Assert.Equal("acme", (string)CliHarness.JsonLines(between).Single()["slug"]!);
    }

    [Fact]
    public async Task Sandbox_UsesTheSandboxFolderInsideHome()
    {
        var created = await _cli.RunAsync("workspace", "create", "playground", "--sandbox");
        Assert.Equal(0, created.ExitCode);

        Assert.True(File.Exists(Path.Combine(_cli.Root, "sandbox", "connectors.db")));
        var real = await _cli.RunAsync("workspace", "list", "--json");
        var sandboxed = await _cli.RunRawAsync(["--sandbox", "workspace", "list", "--json", "--home", _cli.Root]);
        Assert.Empty(CliHarness.JsonLines(real));
        Assert.Equal("playground", (string)CliHarness.JsonLines(sandboxed).Single()["slug"]!);
    }

    [Fact]
    public async Task FirstUse_CreatesHomeAndSandboxFoldersOwnerOnly()
    {
        var home = Path.Combine(_cli.Root, "fresh-home");

        var listed = await _cli.RunRawAsync(["workspace", "list", "--sandbox", "--home", home]);

        Assert.Equal(0, listed.ExitCode);
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(home));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(home, "sandbox")));
        }
    }
}
