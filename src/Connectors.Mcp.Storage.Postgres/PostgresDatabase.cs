using System.Data;
using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Storage.Persistence;
using Connectors.Mcp.Storage.Postgres.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Connectors.Mcp.Storage.Postgres;

/// <summary>
/// One PostgreSQL database shared by every instance: Npgsql's pooled <see cref="NpgsqlDataSource"/>, the embedded
/// migrations, and the transaction helpers the stores use. Every guarantee that SQLite gets from its single writer
/// comes here from a named database mechanism (row locks, <c>INSERT … ON CONFLICT</c>, conditional <c>UPDATE … RETURNING</c>,
/// advisory locks); see docs/deployment.md.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>The advisory lock key that serialises migrations across instances starting at once.</summary>
    internal const long MigrationLockKey = 0x636F_6E6E_6D63_7001; // "connmcp" + 1

    private const int MaxTransactionAttempts = 5;

    private const string MasterKeyCanary = "connectors-mcp master key check v1";

    private const string MasterKeyCanaryContext = "master-key-check";

    private static readonly Lazy<IReadOnlyList<Migration>> Migrations = new(() => EmbeddedMigrations.Load(typeof(PostgresDatabase).Assembly));

    private readonly ILogger _logger;

    /// <param name="connection">A postgres URL or an Npgsql connection string (<see cref="PostgresConnectionString"/>).</param>
    public PostgresDatabase(string connection, TimeProvider time, ILogger<PostgresDatabase>? logger = null)
    {
        var builder = PostgresConnectionString.Parse(connection);
        Description = PostgresConnectionString.Describe(builder);
        Time = time;
        _logger = logger ?? NullLogger<PostgresDatabase>.Instance;
        DataSource = NpgsqlDataSource.Create(builder);
        Liveness = new OwnerLiveness(DataSource);
    }

    /// <summary>The database as <c>postgres://user@host:port/database</c>, never with the password.</summary>
    public string Description { get; }

    /// <summary>Npgsql's pooled connections to the database.</summary>
    public NpgsqlDataSource DataSource { get; }

    internal TimeProvider Time { get; }

    /// <summary>This process's liveness lock, and how other owners are judged alive or gone (<see cref="OwnerLiveness"/>).</summary>
    internal OwnerLiveness Liveness { get; }

    /// <summary>The migrations this build knows, in order.</summary>
    internal static IReadOnlyList<Migration> KnownMigrations => Migrations.Value;

    /// <summary>
    /// Applies the migrations the database has not had yet, each once, in order, each in its own transaction together
    /// with its <c>schema_migrations</c> row, under a session advisory lock — so instances starting at once apply each
    /// migration exactly once and wait for each other.
    /// </summary>
    /// <exception cref="InvalidOperationException">A newer build already migrated the database further.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL
                )
                """, cancellationToken);
            var current = await SchemaVersionAsync(connection, cancellationToken);
            var known = Migrations.Value;
            if (current > known.Count)
            {
                throw new InvalidOperationException(
                    $"The database {Description} is at schema version {current}, newer than this build knows ({known.Count}). Upgrade connectors-mcp on this machine.");
            }

            foreach (var migration in known.Where(m => m.Version > current))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", migration.Version);
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.Parameters.AddWithValue("at", StorageTime.Now(Time));
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                _logger.LogInformation("Applied PostgreSQL migration {Migration}", migration.Name);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// Refuses a master key other than the one this database was first used with: the first process stores a
    /// ciphertext of a known text (<c>master_key_check</c>, <c>INSERT … ON CONFLICT DO NOTHING</c>, so processes starting
    /// together agree on one), and every process must decrypt it. Instances sharing a database must share the key —
    /// one with another key would store tokens the others cannot read, and read theirs as needing reconnection.
    /// </summary>
    /// <exception cref="MasterKeyMismatchException">This process's master key is not the database's.</exception>
    public async Task CheckMasterKeyAsync(SecretProtector protector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protector);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO master_key_check (id, canary, created_at) VALUES (1, @canary, @at) ON CONFLICT (id) DO NOTHING", connection))
        {
            insert.Parameters.AddWithValue("canary", protector.Protect(MasterKeyCanary, MasterKeyCanaryContext));
            insert.Parameters.AddWithValue("at", StorageTime.Now(Time));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = new NpgsqlCommand("SELECT canary FROM master_key_check WHERE id = 1", connection);
        var canary = (byte[])(await read.ExecuteScalarAsync(cancellationToken))!;
        try
        {
            if (protector.Unprotect(canary, MasterKeyCanaryContext) == MasterKeyCanary)
            {
                return;
            }
        }
        catch (CryptographicException)
        {
        }

        throw new MasterKeyMismatchException(
            $"This process's master key is not the one the database {Description} was first used with, so it could not read the tokens the other instances stored (nor they what it would store). Give every instance and CLI the same key: the same $CONNECTORS_MCP_MASTER_KEY, or a copy of the first instance's master.key.");
    }

    /// <summary>The highest applied migration (0 for a database this program never migrated).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? await SchemaVersionAsync(connection, cancellationToken) : 0;
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection, outside any explicit transaction.</summary>
    internal async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await read(connection, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction and commits it. A serialization failure (40001) or deadlock (40P01)
    /// rolls back and runs it again, up to five times, so <paramref name="write"/> must decide everything from what it
    /// reads inside the transaction.
    /// </summary>
    internal async Task<T> WriteAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write,
        CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            try
            {
                var result = await write(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                                              && attempt < MaxTransactionAttempts)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                _logger.LogDebug("Retrying a transaction after {SqlState} (attempt {Attempt})", ex.SqlState, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    /// <inheritdoc cref="WriteAsync{T}"/>
    internal Task WriteAsync(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> write,
        CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        WriteAsync<bool>(async (c, t, ct) => { await write(c, t, ct); return true; }, cancellationToken, isolation);

    public async ValueTask DisposeAsync()
    {
        await Liveness.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<int> SchemaVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
