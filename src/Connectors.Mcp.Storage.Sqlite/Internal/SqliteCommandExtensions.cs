using Microsoft.Data.Sqlite;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

internal static class SqliteCommandExtensions
{
    /// <summary>Binds a parameter (<c>null</c> as SQL NULL) and returns the command, so calls chain.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static byte[]? GetNullableBytes(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

    /// <summary>Rows changed by the command.</summary>
    public static int Execute(this SqliteCommand command) => command.ExecuteNonQuery();

    /// <summary>Whether the query returns at least one row.</summary>
    public static bool Exists(this SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read();
    }
}
