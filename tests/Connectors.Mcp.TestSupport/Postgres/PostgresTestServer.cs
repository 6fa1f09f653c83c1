using Npgsql;

namespace Connectors.Mcp.TestSupport.Postgres;

/// <summary>
/// The PostgreSQL cluster the tests may use: <c>CONNECTORS_MCP_TEST_POSTGRES</c> names it (a URL or connection string
/// of a role that may create databases and schemas). Without it, PostgreSQL tests skip with the hint below; with
/// <c>CONNECTORS_MCP_REQUIRE_POSTGRES=1</c> (CI sets it) they fail instead, so they cannot silently skip there.
/// </summary>
public static class PostgresTestServer
{
    public const string UrlVariable = "CONNECTORS_MCP_TEST_POSTGRES";

    public const string RequireVariable = "CONNECTORS_MCP_REQUIRE_POSTGRES";

    public const string Hint =
        "PostgreSQL is not available to the tests: set " + UrlVariable + " to a cluster the tests may create schemas in, e.g. "
        + "`bash .ci/postgres/cluster.sh start /tmp/connectors-pg 55432` (Debian package postgresql) and "
        + UrlVariable + "=postgres://connectors:connectors@127.0.0.1:55432/postgres";

    /// <summary>The cluster's connection (URL or connection string); skips the test, or fails it in CI, when none is set.</summary>
    public static string Require()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(url))
        {
            return url;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException(Hint + " (" + RequireVariable + "=1 makes this a failure).");
        }

        Skip.If(true, Hint);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Whether a cluster is configured (for code that must decide without skipping).</summary>
    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UrlVariable));

    /// <summary>
    /// A new, empty schema on the cluster, and a connection string whose search path is that schema: every table the
    /// migrations create lands there, so tests run side by side on one database without seeing each other.
    /// </summary>
    public static async Task<PostgresTestSchema> CreateSchemaAsync(string prefix = "t")
    {
        var admin = Connectors.Mcp.Storage.Postgres.PostgresConnectionString.Parse(Require());
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 1 + 24, 63)];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var scoped = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { SearchPath = name };
        return new PostgresTestSchema(name, scoped.ConnectionString, admin.ConnectionString);
    }
}
