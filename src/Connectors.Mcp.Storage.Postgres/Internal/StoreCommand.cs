using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>
/// Commands of the audit, approval and token stores: typed parameters (a NULL still has a type, so
/// <c>@x IS NULL OR column = @x</c> works), timestamps as <c>timestamptz</c> in whole milliseconds (<see cref="StorageTime"/>).
/// </summary>
internal static class StoreCommand
{
    public static NpgsqlCommand Create(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, string? value) => Add(command, name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, long? value) => Add(command, name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, int? value) => Add(command, name, NpgsqlDbType.Integer, value);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, byte[]? value) => Add(command, name, NpgsqlDbType.Bytea, value);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        Add(command, name, NpgsqlDbType.TimestampTz, value is { } v ? StorageTime.Truncate(v) : null);

    public static async Task<int> RunAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public static async Task<object?> ScalarAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        }
    }

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    public static async Task<IReadOnlyList<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    /// <summary>The first row read by <paramref name="read"/>, or default when there is none.</summary>
    public static async Task<T?> FirstAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? read(reader) : default;
        }
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableLong(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static byte[]? NullableBytes(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);

    public static DateTimeOffset Time(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    public static DateTimeOffset? NullableTime(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.Time(ordinal);

    private static NpgsqlCommand Add(NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
