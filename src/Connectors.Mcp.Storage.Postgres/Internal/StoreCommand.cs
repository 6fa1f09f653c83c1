using Connectors.Mcp.Core.Storage.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Mcp.Storage.Postgres.Internal;

/// <summary>
/// Typed parameters for the audit, approval, OAuth, idempotency and admin stores, next to
/// <see cref="NpgsqlCommandExtensions"/>: a NULL keeps its type, so optional filters written
/// <c>(@x IS NULL OR column = @x)</c> work (an untyped NULL leaves PostgreSQL unable to infer the parameter's type),
/// and timestamps go in as <c>timestamptz</c> in whole milliseconds (<see cref="StorageTime"/>).
/// </summary>
internal static class StoreCommand
{
    public static NpgsqlCommand Create(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, string? value) => Add(command, name, NpgsqlDbType.Text, value);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, long? value) => Add(command, name, NpgsqlDbType.Bigint, value);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, byte[]? value) => Add(command, name, NpgsqlDbType.Bytea, value);

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        Add(command, name, NpgsqlDbType.TimestampTz, value is { } v ? StorageTime.Truncate(v) : null);

    /// <summary>Every row, each read by <paramref name="read"/>, as the read-only list the store interfaces return.</summary>
    public static async Task<IReadOnlyList<T>> RowsAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken) =>
        await command.ListAsync(read, cancellationToken);

    private static NpgsqlCommand Add(NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }
}
