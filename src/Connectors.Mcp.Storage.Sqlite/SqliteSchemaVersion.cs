using Connectors.Mcp.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// Where a database file's schema stands against this build's migrations, read without changing anything: the file is
/// opened read-only (never created), so <c>doctor</c> can report a database from a newer build instead of migrating it.
/// </summary>
/// <param name="Applied">The newest migration the file has had (0: none, or no <c>schema_migrations</c> table).</param>
/// <param name="Known">The newest migration this build has.</param>
public sealed record SqliteSchemaVersion(long Applied, long Known)
{
    public bool IsNewerThanBuild => Applied > Known;

    public bool IsCurrent => Applied == Known;

    /// <summary>Reads the file's schema version.</summary>
    /// <exception cref="SqliteException">The file is not a database or cannot be read.</exception>
    public static SqliteSchemaVersion Read(string databasePath)
    {
        var known = SqliteMigrations.All.Count == 0 ? 0 : SqliteMigrations.All[^1].Version;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return new SqliteSchemaVersion(0, known);
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations;";
        return new SqliteSchemaVersion(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), known);
    }
}
