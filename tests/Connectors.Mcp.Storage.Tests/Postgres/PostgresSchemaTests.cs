using Connectors.Mcp.Storage.Tests.Backends;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connectors.Mcp.Storage.Tests.Postgres;

/// <summary>PostgreSQL migration 0001 against the SQLite schema it mirrors (docs: pg-contract, "Schema (PostgreSQL)").</summary>
public sealed class PostgresSchemaTests
{
    /// <summary>The one addition: an explicit insertion order where SQLite lists by its implicit rowid.</summary>
    private static readonly HashSet<(string Table, string Column)> RowIds =
        [("api_keys", "rowid"), ("workspace_connectors", "rowid"), ("approvals", "rowid"), ("admin_tokens", "rowid")];

    /// <summary>What only several instances need: the shared rate-limit buckets (one node keeps them in memory) and the master key check.</summary>
    private static readonly HashSet<string> PostgresOnlyTables = ["rate_limit_buckets", "master_key_check"];

    [SkippableFact]
    public async Task EveryTableAndColumnOfTheSqliteSchema_ExistsWithTheSameNullability()
    {
        await using var postgres = (PostgresTestStores)await StorageBackend.Postgres.CreateAsync();
        await using var sqlite = (SqliteTestStores)await StorageBackend.Sqlite.CreateAsync();

        var expected = SqliteColumns(sqlite.DatabasePath);
        var actual = await PostgresColumnsAsync(postgres);

        Assert.Contains(("workspaces", "tool_mode", false), expected);
        Assert.Contains(("connector_server_apps", "client_secret_encrypted", false), expected);

        Assert.Equal(
            expected.OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal),
            actual.Where(c => !RowIds.Contains((c.Table, c.Column)) && !PostgresOnlyTables.Contains(c.Table)).OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal));
        Assert.Equal(RowIds.Count, actual.Count(c => RowIds.Contains((c.Table, c.Column))));
    }

    [SkippableFact]
    public async Task EveryNamedIndexOfTheSqliteSchema_Exists()
    {
        await using var postgres = (PostgresTestStores)await StorageBackend.Postgres.CreateAsync();
        await using var sqlite = (SqliteTestStores)await StorageBackend.Sqlite.CreateAsync();
        var expected = await sqlite.ScalarRawAsync(
            "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name);") as string;

        var actual = await postgres.ScalarRawAsync(
            "SELECT string_agg(indexname, ',' ORDER BY indexname COLLATE \"C\") FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY (string_to_array(@names, ','));",
            ("@names", expected));

        Assert.Contains("approvals_pending", expected, StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    [SkippableFact]
    public async Task OperatorChanges_TheDatabaseRefusesUpdateAndDelete()
    {
        await using var storage = await StorageBackend.Postgres.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        await storage.Workspaces.SetToolModeAsync(workspace.Id, Core.Catalog.ToolMode.Discovery, TestStores.Actor, CancellationToken.None);

        var update = await Assert.ThrowsAsync<PostgresException>(() => storage.ExecuteRawAsync("UPDATE operator_changes SET new_value = 'all';"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => storage.ExecuteRawAsync("DELETE FROM operator_changes;"));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal("discovery", await storage.ScalarRawAsync("SELECT new_value FROM operator_changes;"));
    }

    private static List<(string Table, string Column, bool Nullable)> SqliteColumns(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT m.name, c.name, c."notnull", c.pk FROM sqlite_master m JOIN pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations';
            """;
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string, bool)>();
        while (reader.Read())
        {
            // A primary key column is NOT NULL in PostgreSQL even where SQLite's declaration omits it.
            columns.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 0 && reader.GetInt64(3) == 0));
        }

        return columns;
    }

    private static async Task<List<(string Table, string Column, bool Nullable)>> PostgresColumnsAsync(PostgresTestStores storage)
    {
        await using var connection = await storage.Database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name, column_name, is_nullable = 'YES' FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<(string, string, bool)>();
        while (await reader.ReadAsync())
        {
            columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }

        return columns;
    }
}
