using Connectors.Mcp.Composition;
using Connectors.Mcp.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Tests.Composition;

/// <summary>
/// Every start writes this build's connector types into <c>connector_definitions</c> — but only when they differ from
/// what is stored, so a server's cold start usually skips that synced commit.
/// </summary>
public sealed class ConnectorDefinitionsStartupTests
{
    [Fact]
    public async Task SecondStart_WithTheSameTypes_DoesNotRewriteThem()
    {
        using var home = new TestHome();
        var appHome = AppHome.Resolve(home.Path, sandbox: false);
        await (await AppServices.BuildAsync(appHome, CancellationToken.None)).DisposeAsync();
        Execute(appHome, "UPDATE connector_definitions SET updated_at = 'marker';");

        await (await AppServices.BuildAsync(appHome, CancellationToken.None)).DisposeAsync();

        Assert.Equal(Count(appHome, "SELECT COUNT(*) FROM connector_definitions;"), Count(appHome, "SELECT COUNT(*) FROM connector_definitions WHERE updated_at = 'marker';"));
    }

    [Fact]
    public async Task Start_WithAStoredTypeThatDiffers_RewritesIt()
    {
        using var home = new TestHome();
        var appHome = AppHome.Resolve(home.Path, sandbox: false);
        await (await AppServices.BuildAsync(appHome, CancellationToken.None)).DisposeAsync();
        Execute(appHome, "UPDATE connector_definitions SET display_name = 'stale', actions_json = '[]' WHERE type = 'gmail';");

        await (await AppServices.BuildAsync(appHome, CancellationToken.None)).DisposeAsync();

        Assert.Equal(0L, Count(appHome, "SELECT COUNT(*) FROM connector_definitions WHERE display_name = 'stale' OR actions_json = '[]';"));
    }

    private static void Execute(AppHome home, string sql)
    {
        using var connection = Open(home);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, sql);
    }

    private static long Count(AppHome home, string sql)
    {
        using var connection = Open(home);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(AppHome home)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = home.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
