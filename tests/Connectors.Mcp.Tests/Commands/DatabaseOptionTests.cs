using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Tests.Commands;

/// <summary>
/// <c>--database</c> / <c>$CONNECTORS_MCP_DATABASE_URL</c>: a PostgreSQL URL or connection string selects PostgreSQL,
/// accepted anywhere on the line like <c>--home</c>; no setting keeps SQLite in the home; a bad value is refused with a
/// message that names the problem and never the password; <c>--sandbox</c> keeps its own SQLite.
/// </summary>
public sealed class DatabaseOptionTests : IDisposable
{
    private const string Secret = "s3cr3t-pw";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("serve", "--http", "--database", "postgres://app:" + Secret + "@db.internal:5433/connectors")]
    [InlineData("--database", "postgres://app:" + Secret + "@db.internal:5433/connectors", "serve", "--http")]
    public async Task PostgresUrl_AnywhereOnTheLine_SelectsPostgres(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_cli.ServeRequests);
        Assert.Equal($"postgres://app:{Secret}@db.internal:5433/connectors", request.Home.PostgresConnection);
        Assert.Equal(Path.GetFullPath(_cli.Root), request.Home.Directory);
    }

    [Fact]
    public async Task NoSetting_KeepsSqliteInTheHome()
    {
        var result = await _cli.RunAsync("serve", "--http");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Assert.Single(_cli.ServeRequests).Home.PostgresConnection);
    }

    [Theory]
    [InlineData("mysql://app:" + Secret + "@db/connectors", "not a PostgreSQL database (it starts with mysql://)")]
    [InlineData("Server=db;Uid=app;Pwd=" + Secret, "not a PostgreSQL database")]
    [InlineData("postgres://app:" + Secret + "@/connectors", "be a valid URL")]
    [InlineData("postgres://app:" + Secret + "@db/connectors?no_such_setting=1", "parameter 'no_such_setting'")]
    [InlineData("Host=db;Password=" + Secret + ";Bogus Keyword=1", "connection string is not valid")]
    public async Task BadValue_IsRefusedNamingTheProblem_NeverThePassword(string value, string expected)
    {
        var result = await _cli.RunAsync("workspace", "list", "--database", value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--database", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain(Secret, result.Stderr + result.Stdout);
        Assert.False(File.Exists(Path.Combine(_cli.Root, "connectors.db")), "nothing is created for a refused setting");
    }

    [Fact]
    public async Task Blank_IsRefused()
    {
        var result = await _cli.RunAsync("workspace", "list", "--database", " ");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--database needs a value", result.Stderr);
    }

    [Fact]
    public async Task Sandbox_WithDatabase_IsRefused()
    {
        var result = await _cli.RunAsync("serve", "--http", "--sandbox", "--database", $"postgres://app:{Secret}@db/connectors");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--sandbox keeps its own SQLite database", result.Stderr);
        Assert.DoesNotContain(Secret, result.Stderr);
        Assert.Empty(_cli.ServeRequests);
    }

    [Fact]
    public void Variable_SelectsPostgres_AndTheOptionWins()
    {
        Assert.Equal("Host=a;Database=x", DatabaseSelection.Resolve(null, "Host=a;Database=x", sandbox: false));
        Assert.Equal("postgres://b/y", DatabaseSelection.Resolve("postgres://b/y", "Host=a;Database=x", sandbox: false));
        Assert.Null(DatabaseSelection.Resolve(null, "", sandbox: false));
    }

    [Fact]
    public void Variable_UnderSandbox_IsNotUsed()
    {
        Assert.Null(DatabaseSelection.Resolve(null, "postgres://a/x", sandbox: true));
    }

    [Fact]
    public void BadVariable_IsRefusedNamingTheVariable()
    {
        var error = Assert.Throws<UsageException>(() => DatabaseSelection.Resolve(null, $"sqlite://{Secret}", sandbox: false));

        Assert.Contains("$CONNECTORS_MCP_DATABASE_URL is not a PostgreSQL database", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }
}
