using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>
/// How many encrypted values a database file holds (connector tokens, OAuth client secrets), counted read-only without
/// decrypting anything: whether a missing master key loses data or is simply not created yet.
/// </summary>
public static class SqliteStoredSecrets
{
    /// <summary>The count, or 0 when the file has no such tables yet.</summary>
    /// <exception cref="SqliteException">The file is not a database or cannot be read.</exception>
    public static long Count(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('connector_credentials', 'oauth_clients');";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) < 2)
        {
            return 0;
        }

        command.CommandText =
            "SELECT (SELECT count(*) FROM connector_credentials) + (SELECT count(*) FROM oauth_clients WHERE client_secret_encrypted IS NOT NULL);";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
